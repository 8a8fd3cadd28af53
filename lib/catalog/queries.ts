import "server-only";
import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { catalogControls, catalogDomains, frameworks, frameworkVersions } from "@/db/schema";
import { FRAMEWORK_FORMAT, type EvidenceKind, type Mapping, type UpdateChannel } from "./schema";
import type { AnswerRequirements } from "./answer-requirements";
import type { DraftFrameworkDocument } from "./draft-schema";

export type VersionStatus = "draft" | "published" | "retired";

export interface VersionSummary {
  id: string;
  frameworkId: string;
  slug: string;
  version: string;
  title: string;
  publisher: string;
  status: VersionStatus;
  publishedAt: Date | null;
  retiredAt: Date | null;
  basedOnVersionId: string | null;
  controlCount: number;
  domainCount: number;
}

const summaryFields = {
  id: frameworkVersions.id,
  frameworkId: frameworkVersions.frameworkId,
  slug: frameworks.slug,
  version: frameworkVersions.version,
  title: frameworkVersions.title,
  publisher: frameworkVersions.publisher,
  status: frameworkVersions.status,
  publishedAt: frameworkVersions.publishedAt,
  retiredAt: frameworkVersions.retiredAt,
  basedOnVersionId: frameworkVersions.basedOnVersionId,
  controlCount: sql<number>`(select count(*)::int from catalog_controls c where c.version_id = framework_versions.id)`,
  domainCount: sql<number>`(select count(*)::int from catalog_domains d where d.version_id = framework_versions.id)`,
};

/** Every version, grouped by framework, newest first. Readers without catalog.manage pass includeDrafts=false. */
export async function listFrameworkVersions(db: DbOrTx, opts: { includeDrafts: boolean }): Promise<VersionSummary[]> {
  const rows = await db
    .select(summaryFields)
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(opts.includeDrafts ? undefined : sql`${frameworkVersions.status} <> 'draft'`)
    .orderBy(asc(frameworks.slug), desc(frameworkVersions.createdAt));
  return rows.map((r) => ({ ...r, controlCount: Number(r.controlCount), domainCount: Number(r.domainCount) }));
}

/** One version; drafts only when the caller may see them (not found otherwise). */
export async function getVersionSummary(db: DbOrTx, versionId: string, opts: { includeDrafts: boolean }): Promise<VersionSummary | null> {
  const [row] = await db
    .select(summaryFields)
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworkVersions.id, versionId));
  if (!row || (!opts.includeDrafts && row.status === "draft")) return null;
  return { ...row, controlCount: Number(row.controlCount), domainCount: Number(row.domainCount) };
}

/** The answer rules of one version (which fields each implementation status requires), or null if there is no such version. */
export async function getAnswerRequirements(db: DbOrTx, versionId: string): Promise<AnswerRequirements | null> {
  const [row] = await db.select({ r: frameworkVersions.answerRequirements }).from(frameworkVersions).where(eq(frameworkVersions.id, versionId));
  return row?.r ?? null;
}

export type VersionDocument = DraftFrameworkDocument & { versionId: string; status: VersionStatus };

/** A stored version as a framework document: the inverse of insertFrameworkVersion. */
export async function loadVersionDocument(db: DbOrTx, versionId: string): Promise<VersionDocument | null> {
  const [v] = await db
    .select({
      slug: frameworks.slug,
      version: frameworkVersions.version,
      title: frameworkVersions.title,
      description: frameworkVersions.description,
      publisher: frameworkVersions.publisher,
      thresholds: frameworkVersions.thresholds,
      answerRequirements: frameworkVersions.answerRequirements,
      status: frameworkVersions.status,
    })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(eq(frameworkVersions.id, versionId));
  if (!v) return null;
  const domains = await db.select().from(catalogDomains).where(eq(catalogDomains.versionId, versionId)).orderBy(asc(catalogDomains.position));
  const controls = await db.select().from(catalogControls).where(eq(catalogControls.versionId, versionId)).orderBy(asc(catalogControls.position));
  return {
    versionId,
    status: v.status,
    format: FRAMEWORK_FORMAT,
    slug: v.slug,
    title: v.title,
    description: v.description,
    publisher: v.publisher,
    version: v.version,
    thresholds: v.thresholds ?? null,
    answerRequirements: v.answerRequirements,
    domains: domains.map((d) => ({
      key: d.key,
      title: d.title,
      description: d.description,
      controls: controls.filter((c) => c.domainId === d.id).map(toControl),
    })),
  };
}

type ControlRow = typeof catalogControls.$inferSelect;

function toControl(c: ControlRow): VersionDocument["domains"][number]["controls"][number] {
  return {
    id: c.controlId,
    title: c.title,
    statement: c.statement,
    vendorGuidance: c.vendorGuidance,
    reviewerGuidance: c.reviewerGuidance,
    applicability: { channels: c.channels as UpdateChannel[], kernelOnly: c.kernelOnly },
    weight: c.weight,
    must: c.must,
    evidenceKinds: c.evidenceKinds as EvidenceKind[],
    rubric: [...c.rubric],
    mappings: c.mappings as Mapping[],
  };
}

export interface ControlFilters {
  domain?: string;
  channel?: UpdateChannel;
  mustOnly?: boolean;
  evidence?: EvidenceKind;
  q?: string;
}

export interface ControlListItem {
  controlId: string;
  title: string;
  statement: string;
  domainKey: string;
  domainTitle: string;
  channels: UpdateChannel[];
  kernelOnly: boolean;
  weight: number;
  must: boolean;
  evidenceKinds: EvidenceKind[];
}

/** The searchable text of a control: title, statement, both guidances and the rubric. */
const controlText = sql`(${catalogControls.controlId} || ' ' || ${catalogControls.title} || ' ' || ${catalogControls.statement} || ' ' || ${catalogControls.vendorGuidance} || ' ' || ${catalogControls.reviewerGuidance} || ' ' || ${catalogControls.rubric}::text)`;

/** Escape LIKE wildcards so a search for "100%" means the characters typed. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * Controls of one version in catalog order, filtered. Search matches English
 * word stems (websearch syntax: quotes, "or", "-word") or, as a fallback for
 * partial words, any substring of the control text.
 */
export async function listControls(db: DbOrTx, versionId: string, filters: ControlFilters = {}): Promise<ControlListItem[]> {
  const where: SQL[] = [eq(catalogControls.versionId, versionId)];
  if (filters.domain) where.push(eq(catalogDomains.key, filters.domain));
  if (filters.channel) where.push(sql`${filters.channel} = any(${catalogControls.channels})`);
  if (filters.mustOnly) where.push(eq(catalogControls.must, true));
  if (filters.evidence) where.push(sql`${filters.evidence} = any(${catalogControls.evidenceKinds})`);
  const q = filters.q?.trim().slice(0, 200);
  if (q) {
    where.push(sql`(to_tsvector('english', ${controlText}) @@ websearch_to_tsquery('english', ${q}) or ${controlText} ilike ${likePattern(q)})`);
  }
  const rows = await db
    .select({
      controlId: catalogControls.controlId,
      title: catalogControls.title,
      statement: catalogControls.statement,
      domainKey: catalogDomains.key,
      domainTitle: catalogDomains.title,
      channels: catalogControls.channels,
      kernelOnly: catalogControls.kernelOnly,
      weight: catalogControls.weight,
      must: catalogControls.must,
      evidenceKinds: catalogControls.evidenceKinds,
    })
    .from(catalogControls)
    .innerJoin(catalogDomains, eq(catalogDomains.id, catalogControls.domainId))
    .where(and(...where))
    .orderBy(asc(catalogDomains.position), asc(catalogControls.position));
  return rows.map((r) => ({ ...r, channels: r.channels as UpdateChannel[], evidenceKinds: r.evidenceKinds as EvidenceKind[] }));
}

export type ControlDetail = ReturnType<typeof toControl> & { domainKey: string; domainTitle: string; position: number };

/** One control of a version by its stable id (e.g. SDP-ROL-03). */
export async function getControl(db: DbOrTx, versionId: string, controlId: string): Promise<ControlDetail | null> {
  const [row] = await db
    .select({ control: catalogControls, domainKey: catalogDomains.key, domainTitle: catalogDomains.title })
    .from(catalogControls)
    .innerJoin(catalogDomains, eq(catalogDomains.id, catalogControls.domainId))
    .where(and(eq(catalogControls.versionId, versionId), eq(catalogControls.controlId, controlId)));
  if (!row) return null;
  return { ...toControl(row.control), domainKey: row.domainKey, domainTitle: row.domainTitle, position: row.control.position };
}

/** Domains of a version in order, with their control counts (for filters and the editor). */
export async function listDomains(db: DbOrTx, versionId: string) {
  return db
    .select({
      key: catalogDomains.key,
      title: catalogDomains.title,
      description: catalogDomains.description,
      controlCount: sql<number>`(select count(*)::int from catalog_controls c where c.domain_id = catalog_domains.id)`,
    })
    .from(catalogDomains)
    .where(eq(catalogDomains.versionId, versionId))
    .orderBy(asc(catalogDomains.position));
}
