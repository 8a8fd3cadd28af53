import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { products, rolloutRecords } from "@/db/schema";
import type { RolloutAnalysis, Severity } from "./analysis";
import type { RolloutRecord } from "./record-schema";

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
export async function listRolloutRecords(
  db: DbOrTx,
  organisationId: string,
  options: { productId?: string; limit?: number } = {},
): Promise<RolloutSummary[]> {
  if (options.productId !== undefined && !UUID.test(options.productId)) return [];
  return db
    .select(summaryColumns)
    .from(rolloutRecords)
    .innerJoin(products, eq(products.id, rolloutRecords.productId))
    .where(and(eq(rolloutRecords.organisationId, organisationId), options.productId ? eq(rolloutRecords.productId, options.productId) : undefined))
    .orderBy(desc(rolloutRecords.releasedAt), desc(rolloutRecords.createdAt))
    .limit(Math.min(Math.max(options.limit ?? 200, 1), 500));
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
