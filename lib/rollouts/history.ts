import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { frameworkVersions, rolloutAnalyses, rolloutRecords } from "@/db/schema";
import type { AuditActor } from "@/lib/server/audit";
import { ANALYSER_VERSION, type RolloutAnalysis, type Severity } from "./analysis";
import { findingCodeChanges, type FindingCodeChange } from "./history-diff";

export type AnalysisReason = "created" | "appended" | "reanalysed";

/** The record columns that hold its current analysis. */
export function analysisColumns(analysis: RolloutAnalysis | null, frameworkVersionId: string | null) {
  return {
    frameworkVersionId,
    analysis: analysis as unknown as Record<string, unknown> | null,
    worstSeverity: analysis?.worstSeverity ?? null,
    analyserVersion: analysis ? ANALYSER_VERSION : null,
  };
}

/** Appends one history row; call it in the transaction that writes the record's analysis and its audit row. */
export async function recordAnalysisHistory(
  tx: DbOrTx,
  actor: AuditActor,
  recordId: string,
  reason: AnalysisReason,
  analysis: RolloutAnalysis | null,
  frameworkVersionId: string | null,
): Promise<void> {
  // Without published thresholds nothing was analysed, so there is nothing to keep.
  if (!analysis) return;
  await tx.insert(rolloutAnalyses).values({
    rolloutRecordId: recordId,
    analyserVersion: ANALYSER_VERSION,
    frameworkVersionId,
    analysis: analysis as unknown as Record<string, unknown>,
    worstSeverity: analysis.worstSeverity,
    reason,
    createdBy: actor.userId,
  });
}

export type AnalysisHistoryEntry = FindingCodeChange & {
  id: string;
  createdAt: Date;
  reason: AnalysisReason;
  analyserVersion: string;
  catalog: { title: string; version: string } | null;
  worstSeverity: Severity | null;
};

/** A record's analyses, oldest first, each with the finding codes that appeared or disappeared; [] for another organisation's record. */
export async function listAnalysisHistory(db: DbOrTx, organisationId: string, recordId: string): Promise<AnalysisHistoryEntry[]> {
  const rows = await db
    .select({
      id: rolloutAnalyses.id,
      createdAt: rolloutAnalyses.createdAt,
      reason: rolloutAnalyses.reason,
      analyserVersion: rolloutAnalyses.analyserVersion,
      worstSeverity: rolloutAnalyses.worstSeverity,
      analysis: rolloutAnalyses.analysis,
      catalogTitle: frameworkVersions.title,
      catalogVersion: frameworkVersions.version,
    })
    .from(rolloutAnalyses)
    .innerJoin(rolloutRecords, eq(rolloutRecords.id, rolloutAnalyses.rolloutRecordId))
    .leftJoin(frameworkVersions, eq(frameworkVersions.id, rolloutAnalyses.frameworkVersionId))
    .where(and(eq(rolloutAnalyses.rolloutRecordId, recordId), eq(rolloutRecords.organisationId, organisationId)))
    .orderBy(asc(rolloutAnalyses.createdAt), asc(rolloutAnalyses.id));
  const changes = findingCodeChanges(rows.map((r) => ({ analysis: r.analysis as { findings?: { code: string }[] } })));
  return rows.map((r, i) => ({
    id: r.id,
    createdAt: r.createdAt,
    reason: r.reason,
    analyserVersion: r.analyserVersion,
    catalog: r.catalogTitle !== null && r.catalogVersion !== null ? { title: r.catalogTitle, version: r.catalogVersion } : null,
    worstSeverity: r.worstSeverity,
    ...changes[i]!,
  }));
}
