import "server-only";
import { and, asc, desc, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, attestationSubmissions, blobs, catalogControls, evidenceItems, evidenceLinks, evidenceVersions, products, users } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import type { VaultFilter } from "@/lib/validations/vendor";
import { containsPattern, fetchPage, ordered, totalCount } from "@/lib/server/list-sql";

export { containsPattern };

export const VAULT_PAGE_SIZE = 25;
const EXPIRING_DAYS = 30;

const itemColumns = {
  id: evidenceItems.id,
  title: evidenceItems.title,
  description: evidenceItems.description,
  kind: evidenceItems.kind,
  evidenceDate: evidenceItems.evidenceDate,
  validUntil: evidenceItems.validUntil,
  classification: evidenceItems.classification,
  status: evidenceItems.status,
  url: evidenceItems.url,
  fileName: evidenceItems.fileName,
  sha256: evidenceItems.blobSha256,
  currentVersion: evidenceItems.currentVersion,
  rolloutRecordId: evidenceItems.rolloutRecordId,
  size: blobs.size,
  mime: blobs.mime,
  createdAt: evidenceItems.createdAt,
  updatedAt: evidenceItems.updatedAt,
  retiredAt: evidenceItems.retiredAt,
};

function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type VaultSearch = Omit<VaultFilter, "page" | "sort" | "dir">;

function filterConditions(organisationId: string, f: VaultSearch, today: string): SQL | undefined {
  const q = f.q ? containsPattern(f.q) : null;
  return and(
    eq(evidenceItems.organisationId, organisationId),
    f.status === "all" ? undefined : eq(evidenceItems.status, f.status),
    f.kind ? eq(evidenceItems.kind, f.kind) : undefined,
    f.classification ? eq(evidenceItems.classification, f.classification) : undefined,
    f.expiry === "expired" ? lt(evidenceItems.validUntil, today) : undefined,
    f.expiry === "expiring" ? and(gte(evidenceItems.validUntil, today), lte(evidenceItems.validUntil, addDays(today, EXPIRING_DAYS))) : undefined,
    f.expiry === "current" ? or(isNull(evidenceItems.validUntil), gte(evidenceItems.validUntil, today)) : undefined,
    f.expiry === "no_end" ? isNull(evidenceItems.validUntil) : undefined,
    q ? or(ilike(evidenceItems.title, q), ilike(evidenceItems.description, q), ilike(evidenceItems.fileName, q)) : undefined,
  );
}

const linkCount = sql<number>`(select count(*)::int from evidence_links l where l.evidence_id = evidence_items.id)`;

const VAULT_ORDER = {
  added: evidenceItems.createdAt,
  title: sql`lower(${evidenceItems.title})`,
  kind: evidenceItems.kind,
  validity: evidenceItems.validUntil,
  links: linkCount,
} satisfies Record<VaultFilter["sort"], unknown>;

/** One page of the organisation's vault in the order asked for (newest first by default; ties by id), with the total that matches. */
export async function listEvidence(
  db: DbOrTx,
  organisationId: string,
  filter: Omit<VaultFilter, "sort" | "dir"> & Partial<Pick<VaultFilter, "sort" | "dir">>,
  today: string,
) {
  const where = filterConditions(organisationId, filter, today);
  const dir = filter.dir ?? "desc";
  const page = await fetchPage(
    filter.page,
    VAULT_PAGE_SIZE,
    (limit, offset) =>
      db
        .select({ ...itemColumns, links: linkCount, total: totalCount() })
        .from(evidenceItems)
        .leftJoin(blobs, eq(blobs.sha256, evidenceItems.blobSha256))
        .where(where)
        .orderBy(ordered(VAULT_ORDER[filter.sort ?? "added"], dir), dir === "asc" ? asc(evidenceItems.id) : desc(evidenceItems.id))
        .limit(limit)
        .offset(offset),
    () => countEvidence(db, organisationId, filter, today),
  );
  return page;
}
export type VaultItem = Awaited<ReturnType<typeof listEvidence>>["rows"][number];

async function countEvidence(db: DbOrTx, organisationId: string, filter: VaultSearch, today: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(evidenceItems)
    .where(filterConditions(organisationId, filter, today));
  return row?.n ?? 0;
}

/** Figures for the vendor home page: active items and how many of them have expired. */
export async function evidenceSummary(db: DbOrTx, organisationId: string, today: string) {
  const [row] = await db
    .select({ active: sql<number>`count(*)::int`, expired: sql<number>`count(*) filter (where ${evidenceItems.validUntil} < ${today})::int` })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.organisationId, organisationId), eq(evidenceItems.status, "active")));
  return { active: row?.active ?? 0, expired: row?.expired ?? 0 };
}

/** Active items for the evidence picker: matching the text, most recent first, at most `limit`. */
export async function searchEvidence(db: DbOrTx, organisationId: string, input: { q: string; kind: string }, limit = 20) {
  const q = input.q ? containsPattern(input.q) : null;
  return db
    .select({
      id: evidenceItems.id,
      title: evidenceItems.title,
      kind: evidenceItems.kind,
      fileName: evidenceItems.fileName,
      url: evidenceItems.url,
      validUntil: evidenceItems.validUntil,
      evidenceDate: evidenceItems.evidenceDate,
    })
    .from(evidenceItems)
    .where(
      and(
        eq(evidenceItems.organisationId, organisationId),
        eq(evidenceItems.status, "active"),
        input.kind ? eq(evidenceItems.kind, input.kind) : undefined,
        q ? or(ilike(evidenceItems.title, q), ilike(evidenceItems.description, q), ilike(evidenceItems.fileName, q)) : undefined,
      ),
    )
    .orderBy(desc(evidenceItems.createdAt), desc(evidenceItems.id))
    .limit(limit);
}
export type PickerResult = Awaited<ReturnType<typeof searchEvidence>>[number];

export async function getEvidence(db: DbOrTx, organisationId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(itemColumns)
    .from(evidenceItems)
    .leftJoin(blobs, eq(blobs.sha256, evidenceItems.blobSha256))
    .where(and(eq(evidenceItems.id, id), eq(evidenceItems.organisationId, organisationId)));
  return row ?? null;
}
export type EvidenceDetail = NonNullable<Awaited<ReturnType<typeof getEvidence>>>;

/** Every file version of one item of the organisation, newest first. */
export async function listVersions(db: DbOrTx, organisationId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) return [];
  return db
    .select({
      version: evidenceVersions.version,
      fileName: evidenceVersions.fileName,
      sha256: evidenceVersions.blobSha256,
      size: blobs.size,
      mime: blobs.mime,
      createdAt: evidenceVersions.createdAt,
      createdByName: users.name,
    })
    .from(evidenceVersions)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.evidenceId))
    .innerJoin(blobs, eq(blobs.sha256, evidenceVersions.blobSha256))
    .leftJoin(users, eq(users.id, evidenceVersions.createdBy))
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), eq(evidenceItems.organisationId, organisationId)))
    .orderBy(desc(evidenceVersions.version));
}

/** One stored version's file, for downloads of earlier versions. */
export async function getVersionFile(db: DbOrTx, organisationId: string, evidenceId: string, version: number) {
  if (!isUuid(evidenceId)) return null;
  const [row] = await db
    .select({ fileName: evidenceVersions.fileName, sha256: evidenceVersions.blobSha256, size: blobs.size, mime: blobs.mime })
    .from(evidenceVersions)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.evidenceId))
    .innerJoin(blobs, eq(blobs.sha256, evidenceVersions.blobSha256))
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), eq(evidenceVersions.version, version), eq(evidenceItems.organisationId, organisationId)));
  return row ?? null;
}

/** Where one item is linked: attestation revision, product and control. */
export async function listEvidenceLinks(db: DbOrTx, organisationId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) return [];
  return db
    .select({
      attestationId: attestations.id,
      revision: attestations.revision,
      status: attestations.status,
      productName: products.name,
      controlId: catalogControls.controlId,
      controlTitle: catalogControls.title,
    })
    .from(evidenceLinks)
    .innerJoin(attestations, eq(attestations.id, evidenceLinks.attestationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(catalogControls, eq(catalogControls.id, evidenceLinks.controlId))
    .where(and(eq(evidenceLinks.evidenceId, evidenceId), eq(attestations.organisationId, organisationId)))
    .orderBy(asc(products.name), asc(attestations.revision), asc(catalogControls.controlId));
}

/** Signed submissions whose frozen snapshot includes the item, with the file hash each one signed. */
export async function listEvidenceSubmissions(db: DbOrTx, organisationId: string, evidenceId: string) {
  if (!isUuid(evidenceId)) return [];
  const needle = sql`jsonb_build_object('controls', jsonb_build_array(jsonb_build_object('evidence', jsonb_build_array(jsonb_build_object('id', ${evidenceId}::text)))))`;
  return db
    .select({
      attestationId: attestations.id,
      revision: attestations.revision,
      productName: products.name,
      signedAt: attestationSubmissions.signedAt,
      signedSha256: sql<
        string | null
      >`jsonb_path_query_first(${attestationSubmissions.snapshot}, '$.controls[*].evidence[*] ? (@.id == $id).sha256', jsonb_build_object('id', ${evidenceId}::text)) #>> '{}'`,
      signedVersion: sql<
        number | null
      >`(jsonb_path_query_first(${attestationSubmissions.snapshot}, '$.controls[*].evidence[*] ? (@.id == $id).version', jsonb_build_object('id', ${evidenceId}::text)) #>> '{}')::int`,
    })
    .from(attestationSubmissions)
    .innerJoin(attestations, eq(attestations.id, attestationSubmissions.attestationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .where(and(eq(attestations.organisationId, organisationId), sql`${attestationSubmissions.snapshot} @> ${needle}`))
    .orderBy(desc(attestationSubmissions.signedAt));
}
