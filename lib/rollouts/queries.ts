import "server-only";
import { and, asc, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products, rolloutRecords } from "@/db/schema";
import type { RolloutAnalysis, Severity } from "./analysis";
import type { RolloutRecord } from "./record-schema";
import { containsPattern, fetchPage, ordered, totalCount, type Page } from "@/lib/server/list-sql";
import { LIST_PAGE_SIZE, type RolloutListQuery } from "@/lib/validations/lists";

export type RolloutSummary = {
  id: string;
  productId: string;
  productName: string;
  releaseId: string;
  version: string;
  channel: "code" | "content";
  releasedAt: Date;
  worstSeverity: Severity | null;
  source: "form" | "upload" | "api";
  /** "open" while a pipeline is still appending to it. */
  state: "open" | "closed";
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const summaryColumns = {
  id: rolloutRecords.id,
  productId: rolloutRecords.productId,
  productName: products.name,
  releaseId: rolloutRecords.releaseId,
  version: rolloutRecords.version,
  channel: rolloutRecords.channel,
  releasedAt: rolloutRecords.releasedAt,
  worstSeverity: rolloutRecords.worstSeverity,
  source: rolloutRecords.source,
  state: rolloutRecords.state,
};

/** The organisation's records, newest release first, optionally for one product. */
export async function listRolloutRecords(db: DbOrTx, organisationId: string, options: { productId?: string; limit?: number } = {}): Promise<RolloutSummary[]> {
  if (options.productId !== undefined && !UUID.test(options.productId)) return [];
  return db
    .select(summaryColumns)
    .from(rolloutRecords)
    .innerJoin(products, eq(products.id, rolloutRecords.productId))
    .where(and(eq(rolloutRecords.organisationId, organisationId), options.productId ? eq(rolloutRecords.productId, options.productId) : undefined))
    .orderBy(desc(rolloutRecords.releasedAt), desc(rolloutRecords.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 500));
}

const severityRank = sql<number>`case ${rolloutRecords.worstSeverity} when 'critical' then 4 when 'major' then 3 when 'minor' then 2 when 'info' then 1 else 0 end`;
const ROLLOUT_ORDER = {
  released: rolloutRecords.releasedAt,
  release: sql`lower(${rolloutRecords.releaseId})`,
  product: sql`lower(${products.name})`,
  finding: severityRank,
} satisfies Record<RolloutListQuery["sort"], unknown>;

function rolloutConditions(organisationId: string, f: Omit<RolloutListQuery, "page" | "sort" | "dir">): SQL | undefined {
  const q = f.q ? containsPattern(f.q) : null;
  return and(
    eq(rolloutRecords.organisationId, organisationId),
    f.product ? eq(rolloutRecords.productId, f.product) : undefined,
    f.channel ? eq(rolloutRecords.channel, f.channel) : undefined,
    f.state ? eq(rolloutRecords.state, f.state) : undefined,
    f.finding === "none" ? isNull(rolloutRecords.worstSeverity) : f.finding ? eq(rolloutRecords.worstSeverity, f.finding) : undefined,
    q ? or(ilike(rolloutRecords.releaseId, q), ilike(rolloutRecords.version, q), ilike(products.name, q)) : undefined,
  );
}

/** One page of the organisation's records for the rollouts list: searched, filtered and ordered in SQL (ties by id). */
export async function listRolloutPage(db: DbOrTx, organisationId: string, query: RolloutListQuery): Promise<Page<RolloutSummary>> {
  const where = rolloutConditions(organisationId, query);
  return fetchPage(
    query.page,
    LIST_PAGE_SIZE,
    (limit, offset) =>
      db
        .select({ ...summaryColumns, total: totalCount() })
        .from(rolloutRecords)
        .innerJoin(products, eq(products.id, rolloutRecords.productId))
        .where(where)
        .orderBy(ordered(ROLLOUT_ORDER[query.sort], query.dir), query.dir === "asc" ? asc(rolloutRecords.id) : desc(rolloutRecords.id))
        .limit(limit)
        .offset(offset),
    async () => {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(rolloutRecords)
        .innerJoin(products, eq(products.id, rolloutRecords.productId))
        .where(where);
      return row?.n ?? 0;
    },
  );
}

export type RolloutDetail = RolloutSummary & {
  kernelMode: boolean;
  record: RolloutRecord;
  analysis: RolloutAnalysis | null;
  frameworkVersionId: string | null;
  analyserVersion: string | null;
  appendCount: number;
  createdAt: Date;
  updatedAt: Date;
};

/** One record of the organisation; null for unknown ids and for other organisations' records alike. */
export async function getRolloutRecord(db: DbOrTx, organisationId: string, id: string): Promise<RolloutDetail | null> {
  if (!UUID.test(id)) return null;
  const [row] = await db
    .select({
      ...summaryColumns,
      kernelMode: rolloutRecords.kernelMode,
      record: rolloutRecords.record,
      analysis: rolloutRecords.analysis,
      frameworkVersionId: rolloutRecords.frameworkVersionId,
      analyserVersion: rolloutRecords.analyserVersion,
      appendCount: rolloutRecords.appendCount,
      createdAt: rolloutRecords.createdAt,
      updatedAt: rolloutRecords.updatedAt,
    })
    .from(rolloutRecords)
    .innerJoin(products, eq(products.id, rolloutRecords.productId))
    .where(and(eq(rolloutRecords.id, id), eq(rolloutRecords.organisationId, organisationId)));
  if (!row) return null;
  return { ...row, record: row.record as unknown as RolloutRecord, analysis: row.analysis as unknown as RolloutAnalysis | null };
}

/** Products of the organisation, for pickers. */
export async function listOrgProducts(db: DbOrTx, organisationId: string): Promise<{ id: string; name: string }[]> {
  return db.select({ id: products.id, name: products.name }).from(products).where(eq(products.organisationId, organisationId)).orderBy(products.name);
}
