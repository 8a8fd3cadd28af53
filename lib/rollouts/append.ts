import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { rolloutRecords } from "@/db/schema";
import { recordAudit } from "@/lib/server/audit";
import { analyseRollout, checkRolloutRecord, type RolloutCheckReason } from "./analysis";
import { applyRolloutEvent, type AppendEvent } from "./append-event";
import { analysisColumns, recordAnalysisHistory } from "./history";
import type { RolloutActor } from "./store";
import { currentThresholds } from "./thresholds";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RolloutChangeResult =
  | { ok: true; id: string; state: "open" | "closed"; worstSeverity: string | null }
  | { ok: false; code: "not_found" | "closed" | "invalid" | "no_policy"; message: string; reasons: RolloutCheckReason[] };

const notFound = (): RolloutChangeResult => ({
  ok: false,
  code: "not_found",
  message: "There is no rollout record with this id in your organisation.",
  reasons: [],
});

/** Locks the organisation's record until the transaction ends, so concurrent appends and re-analyses apply one after another. */
async function lockRecord(tx: Tx, organisationId: string, id: string) {
  if (!UUID.test(id)) return null;
  const [row] = await tx
    .select({
      id: rolloutRecords.id,
      record: rolloutRecords.record,
      state: rolloutRecords.state,
      appendCount: rolloutRecords.appendCount,
      worstSeverity: rolloutRecords.worstSeverity,
    })
    .from(rolloutRecords)
    .where(and(eq(rolloutRecords.id, id), eq(rolloutRecords.organisationId, organisationId)))
    .for("update");
  return row ?? null;
}

/**
 * Applies one pipeline event to an open record: re-validates the whole record,
 * re-analyses it against the newest published thresholds, and stores record,
 * history row ("appended") and audit row together. `inTx` runs in the same
 * transaction (the API stores its idempotency key there).
 */
export async function appendRolloutEvent(
  db: Db,
  actor: RolloutActor,
  id: string,
  event: AppendEvent,
  inTx?: (tx: Tx) => Promise<void>,
): Promise<RolloutChangeResult> {
  return db.transaction(async (tx): Promise<RolloutChangeResult> => {
    const row = await lockRecord(tx, actor.organisationId, id);
    if (!row) return notFound();
    if (row.state !== "open") return { ok: false, code: "closed", message: "This rollout record is closed; nothing can be appended to it.", reasons: [] };
    const current = checkRolloutRecord(row.record);
    if (!current.ok)
      return {
        ok: false,
        code: "invalid",
        message: "The stored record no longer passes the record schema.",
        reasons: current.reasons.map((r) => ({ path: `record.${r.path}`, message: r.message })),
      };
    const applied = applyRolloutEvent(current.record, event);
    if (!applied.ok) return { ok: false, code: "invalid", message: applied.message, reasons: [{ path: applied.path, message: applied.message }] };
    const checked = checkRolloutRecord(applied.record);
    if (!checked.ok)
      return {
        ok: false,
        code: "invalid",
        message: "The record would not be valid after this event; nothing was changed.",
        reasons: checked.reasons.map((r) => ({ path: `record.${r.path}`, message: r.message })),
      };

    const policy = await currentThresholds(tx);
    const analysis = policy ? analyseRollout(checked.record, policy.thresholds) : null;
    const state = applied.close ? "closed" : "open";
    const frameworkVersionId = policy?.frameworkVersionId ?? null;
    await tx
      .update(rolloutRecords)
      .set({
        record: checked.record as unknown as Record<string, unknown>,
        ...analysisColumns(analysis, frameworkVersionId),
        state,
        appendCount: sql`${rolloutRecords.appendCount} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(rolloutRecords.id, row.id));
    await recordAudit(
      tx,
      actor,
      "rollout_record.appended",
      { type: "rollout_record", id: row.id },
      {
        event: event.type,
        appendCount: row.appendCount + 1,
        state,
        worstSeverity: analysis?.worstSeverity ?? null,
      },
    );
    await recordAnalysisHistory(tx, actor, row.id, "appended", analysis, frameworkVersionId);
    if (inTx) await inTx(tx);
    return { ok: true, id: row.id, state, worstSeverity: analysis?.worstSeverity ?? null };
  });
}

/**
 * Re-runs the analysis of a stored record with the current analyser and the
 * newest published thresholds. The record itself is unchanged; the earlier
 * analyses stay in the history beside the new one ("reanalysed").
 */
export async function reanalyseRollout(db: Db, actor: RolloutActor, id: string): Promise<RolloutChangeResult> {
  return db.transaction(async (tx): Promise<RolloutChangeResult> => {
    const row = await lockRecord(tx, actor.organisationId, id);
    if (!row) return notFound();
    const checked = checkRolloutRecord(row.record);
    if (!checked.ok)
      return {
        ok: false,
        code: "invalid",
        message: "The stored record no longer passes the record schema, so it cannot be re-analysed.",
        reasons: checked.reasons,
      };
    const policy = await currentThresholds(tx);
    if (!policy) return { ok: false, code: "no_policy", message: "No published framework version defines rollout thresholds.", reasons: [] };
    const analysis = analyseRollout(checked.record, policy.thresholds);
    await tx
      .update(rolloutRecords)
      .set({ ...analysisColumns(analysis, policy.frameworkVersionId), updatedAt: new Date() })
      .where(eq(rolloutRecords.id, row.id));
    await recordAudit(
      tx,
      actor,
      "rollout_record.reanalysed",
      { type: "rollout_record", id: row.id },
      {
        frameworkVersionId: policy.frameworkVersionId,
        previousWorstSeverity: row.worstSeverity,
        worstSeverity: analysis.worstSeverity,
      },
    );
    await recordAnalysisHistory(tx, actor, row.id, "reanalysed", analysis, policy.frameworkVersionId);
    return { ok: true, id: row.id, state: row.state, worstSeverity: analysis.worstSeverity };
  });
}
