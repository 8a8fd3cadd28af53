import "server-only";
import type { DbOrTx } from "@/db/client";
import { getRolloutRecord, type RolloutSummary } from "../queries";

/** The API's view of a record: what a pipeline needs, times as ISO-8601 UTC (schemas in ./schemas.ts). */
export function summaryView(r: RolloutSummary) {
  return {
    id: r.id,
    productId: r.productId,
    productName: r.productName,
    releaseId: r.releaseId,
    version: r.version,
    channel: r.channel,
    releasedAt: r.releasedAt.toISOString(),
    worstSeverity: r.worstSeverity,
    source: r.source,
    state: r.state,
    href: `/api/v1/rollouts/${r.id}`,
  };
}

export async function recordView(db: DbOrTx, organisationId: string, id: string) {
  const r = await getRolloutRecord(db, organisationId, id);
  if (!r) return null;
  return {
    ...summaryView(r),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    appendCount: r.appendCount,
    analyserVersion: r.analyserVersion,
    frameworkVersionId: r.frameworkVersionId,
    record: r.record,
    findings: r.analysis?.findings ?? [],
    analysis: r.analysis,
  };
}
