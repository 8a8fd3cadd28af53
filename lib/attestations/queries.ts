import "server-only";
import { and, asc, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  ATTESTATION_STATUSES,
  attestationAnswers,
  attestations,
  attestationSubmissions,
  blobs,
  catalogControls,
  catalogDomains,
  evidenceItems,
  evidenceLinks,
  frameworkVersions,
  products,
} from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { getAnswerRequirements } from "@/lib/catalog/queries";
import { isApplicable } from "./applicability";
import { attestationInScope, type Scope } from "@/lib/review/access";
import { containsPattern, fetchPage, ordered, totalCount } from "@/lib/server/list-sql";
import { LIST_PAGE_SIZE, type AttestationListQuery } from "@/lib/validations/lists";

const listColumns = {
  id: attestations.id,
  lineageId: attestations.lineageId,
  revision: attestations.revision,
  kind: attestations.kind,
  status: attestations.status,
  periodStart: attestations.periodStart,
  periodEnd: attestations.periodEnd,
  updatedAt: attestations.updatedAt,
  productId: products.id,
  productName: products.name,
  frameworkTitle: frameworkVersions.title,
  frameworkVersion: frameworkVersions.version,
  withdrawnAt: attestations.withdrawnAt,
  withdrawnByName: attestations.withdrawnByName,
};

export async function listAttestations(db: DbOrTx, organisationId: string, filter: { productId?: string } = {}) {
  return db
    .select(listColumns)
    .from(attestations)
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .where(and(eq(attestations.organisationId, organisationId), filter.productId ? eq(attestations.productId, filter.productId) : undefined))
    .orderBy(desc(attestations.updatedAt), desc(attestations.revision));
}

const ATTESTATION_ORDER = {
  updated: attestations.updatedAt,
  product: sql`lower(${products.name})`,
  period: attestations.periodStart,
  // The order of the lifecycle (draft first, withdrawn last), not of the words.
  status: sql`array_position(${sql.raw(`array[${ATTESTATION_STATUSES.map((x) => `'${x}'`).join(", ")}]::text[]`)}, ${attestations.status})`,
} satisfies Record<AttestationListQuery["sort"], unknown>;

/** One page of the organisation's attestations: `q` searches product and catalog title; filtered, ordered and paged in SQL (ties by id). */
export async function listAttestationPage(db: DbOrTx, organisationId: string, query: AttestationListQuery) {
  const q = query.q ? containsPattern(query.q) : null;
  const where = and(
    eq(attestations.organisationId, organisationId),
    query.status ? eq(attestations.status, query.status) : undefined,
    query.product ? eq(attestations.productId, query.product) : undefined,
    q ? or(ilike(products.name, q), ilike(frameworkVersions.title, q)) : undefined,
  );
  const from = () =>
    db
      .select({ ...listColumns, total: totalCount() })
      .from(attestations)
      .innerJoin(products, eq(products.id, attestations.productId))
      .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId));
  return fetchPage(
    query.page,
    LIST_PAGE_SIZE,
    (limit, offset) =>
      from()
        .where(where)
        .orderBy(ordered(ATTESTATION_ORDER[query.sort], query.dir), query.dir === "asc" ? asc(attestations.id) : desc(attestations.id))
        .limit(limit)
        .offset(offset),
    async () => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(attestations)
        .innerJoin(products, eq(products.id, attestations.productId))
        .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
        .where(where);
      return row?.n ?? 0;
    },
  );
}

export type AttestationHeader = NonNullable<Awaited<ReturnType<typeof getAttestation>>>;

/** One attestation of the caller's organisation, or null for foreign, unknown and malformed ids alike. */
export async function getAttestation(db: DbOrTx, organisationId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select({
      id: attestations.id,
      lineageId: attestations.lineageId,
      revision: attestations.revision,
      kind: attestations.kind,
      status: attestations.status,
      periodStart: attestations.periodStart,
      periodEnd: attestations.periodEnd,
      frameworkVersionId: attestations.frameworkVersionId,
      frameworkTitle: frameworkVersions.title,
      frameworkVersion: frameworkVersions.version,
      product: { id: products.id, name: products.name, platforms: products.platforms, kernelMode: products.kernelMode, channels: products.channels },
    })
    .from(attestations)
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .where(and(eq(attestations.id, id), eq(attestations.organisationId, organisationId)));
  return row ?? null;
}

export type ControlView = Awaited<ReturnType<typeof listApplicableControls>>[number];

export async function listApplicableControls(db: DbOrTx, versionId: string, product: { kernelMode: boolean; channels: { channel: string }[] }) {
  const rows = await db
    .select({
      id: catalogControls.id,
      controlId: catalogControls.controlId,
      title: catalogControls.title,
      statement: catalogControls.statement,
      vendorGuidance: catalogControls.vendorGuidance,
      channels: catalogControls.channels,
      kernelOnly: catalogControls.kernelOnly,
      must: catalogControls.must,
      evidenceKinds: catalogControls.evidenceKinds,
      rubric: catalogControls.rubric,
      domainKey: catalogDomains.key,
      domainTitle: catalogDomains.title,
    })
    .from(catalogControls)
    .innerJoin(catalogDomains, eq(catalogDomains.id, catalogControls.domainId))
    .where(eq(catalogControls.versionId, versionId))
    .orderBy(asc(catalogDomains.position), asc(catalogControls.position));
  return rows.filter((c) => isApplicable(c, product));
}

export type SavedAnswer = {
  status: "implemented" | "partial" | "planned" | "not_applicable" | null;
  narrative: string;
  maturity: number | null;
  justification: string;
  targetDate: string | null;
  plan: string;
  version: number;
  updatedAt: string;
  updatedByName?: string | null;
};

export const answerColumns = {
  controlId: attestationAnswers.controlId,
  status: attestationAnswers.status,
  narrative: attestationAnswers.narrative,
  maturity: attestationAnswers.maturity,
  justification: attestationAnswers.justification,
  targetDate: attestationAnswers.targetDate,
  plan: attestationAnswers.plan,
  version: attestationAnswers.version,
  updatedAt: attestationAnswers.updatedAt,
};

/** The answers of one attestation, if the scope reaches it (an empty map otherwise). */
export async function listAnswers(db: DbOrTx, scope: Scope, attestationId: string): Promise<Map<string, SavedAnswer>> {
  const rows = await db
    .select(answerColumns)
    .from(attestationAnswers)
    .innerJoin(attestations, eq(attestations.id, attestationAnswers.attestationId))
    .where(and(eq(attestationAnswers.attestationId, attestationId), attestationInScope(db, scope)));
  return new Map(rows.map(({ controlId, updatedAt, ...a }) => [controlId, { ...a, updatedAt: updatedAt.toISOString() }]));
}

export type LinkedEvidence = {
  id: string;
  title: string;
  kind: string;
  evidenceDate: string | null;
  validUntil: string | null;
  classification: string;
  url: string | null;
  fileName: string | null;
  sha256: string | null;
  version: number;
  size: number | null;
  status: "active" | "retired";
};

/** Evidence linked to each control of one attestation, limited to the organisation's own vault. */
export async function listLinks(db: DbOrTx, organisationId: string, attestationId: string): Promise<Map<string, LinkedEvidence[]>> {
  const rows = await db
    .select({
      controlId: evidenceLinks.controlId,
      id: evidenceItems.id,
      title: evidenceItems.title,
      kind: evidenceItems.kind,
      evidenceDate: evidenceItems.evidenceDate,
      validUntil: evidenceItems.validUntil,
      classification: evidenceItems.classification,
      url: evidenceItems.url,
      fileName: evidenceItems.fileName,
      sha256: evidenceItems.blobSha256,
      version: evidenceItems.currentVersion,
      size: blobs.size,
      status: evidenceItems.status,
    })
    .from(evidenceLinks)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceLinks.evidenceId))
    .leftJoin(blobs, eq(blobs.sha256, evidenceItems.blobSha256))
    .where(and(eq(evidenceLinks.attestationId, attestationId), eq(evidenceItems.organisationId, organisationId)))
    .orderBy(asc(evidenceItems.title));
  const out = new Map<string, LinkedEvidence[]>();
  for (const { controlId, ...e } of rows) {
    const list = out.get(controlId) ?? [];
    list.push(e);
    out.set(controlId, list);
  }
  return out;
}

/** Everything the editor and the completeness check need; `requirements` are the catalog version's answer rules (pass them to findGaps). */
export async function loadWorkspace(db: DbOrTx, organisationId: string, id: string) {
  const attestation = await getAttestation(db, organisationId, id);
  if (!attestation) return null;
  const [controls, answers, links, requirements] = await Promise.all([
    listApplicableControls(db, attestation.frameworkVersionId, attestation.product),
    listAnswers(db, { kind: "organisation", organisationId }, attestation.id),
    listLinks(db, organisationId, attestation.id),
    getAnswerRequirements(db, attestation.frameworkVersionId),
  ]);
  // The version exists (attestations reference it), so its rules do too.
  if (!requirements) throw new Error(`framework version ${attestation.frameworkVersionId} has no answer requirements`);
  return { attestation, controls, answers, links, requirements };
}
export type Workspace = NonNullable<Awaited<ReturnType<typeof loadWorkspace>>>;

/** The signed submission of one attestation, if the scope reaches it. */
export async function getSubmission(db: DbOrTx, scope: Scope, attestationId: string) {
  if (!isUuid(attestationId)) return null;
  const [row] = await db
    .select({ submission: attestationSubmissions })
    .from(attestationSubmissions)
    .innerJoin(attestations, eq(attestations.id, attestationSubmissions.attestationId))
    .where(and(eq(attestationSubmissions.attestationId, attestationId), attestationInScope(db, scope)));
  return row?.submission ?? null;
}

/** All revisions in one lineage of the caller's organisation. */
export async function listRevisions(db: DbOrTx, organisationId: string, lineageId: string) {
  return db
    .select({ id: attestations.id, revision: attestations.revision, status: attestations.status })
    .from(attestations)
    .where(and(eq(attestations.organisationId, organisationId), eq(attestations.lineageId, lineageId)))
    .orderBy(asc(attestations.revision));
}

export async function listPublishedVersions(db: DbOrTx) {
  return db
    .select({ id: frameworkVersions.id, title: frameworkVersions.title, version: frameworkVersions.version })
    .from(frameworkVersions)
    .where(inArray(frameworkVersions.status, ["published"]))
    .orderBy(asc(frameworkVersions.title), desc(frameworkVersions.publishedAt));
}
