import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, attestationSubmissions, panelMembers, reviewPanels, scorecards, scores } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import type { Snapshot } from "@/lib/attestations/snapshot";
import { recordAudit } from "@/lib/server/audit";
import { changedControls } from "./changes";

export async function panelOfLineage(db: DbOrTx, lineageId: string) {
  const [panel] = await db.select().from(reviewPanels).where(eq(reviewPanels.lineageId, lineageId));
  return panel ?? null;
}

/**
 * When a requested revision is submitted, every seated panel member gets a
 * scorecard for it: scores of controls the vendor did not change are carried
 * over (marked with the revision they came from); changed controls are left
 * unscored and marked for re-scoring. Runs in the submission's transaction.
 */
export async function carryOverScores(
  tx: DbOrTx,
  actor: Actor,
  panel: { id: string },
  lineageId: string,
  revision: number,
  snapshot: Snapshot,
  now: Date,
): Promise<{ carried: number; rescore: number }> {
  const [prev] = await tx
    .select({ id: attestations.id, revision: attestations.revision, snapshot: attestationSubmissions.snapshot })
    .from(attestations)
    .innerJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
    .where(and(eq(attestations.lineageId, lineageId), eq(attestations.revision, revision - 1)));
  const [current] = await tx
    .select({ id: attestations.id })
    .from(attestations)
    .where(and(eq(attestations.lineageId, lineageId), eq(attestations.revision, revision)));
  if (!prev || !current) return { carried: 0, rescore: 0 };
  const changed = changedControls((prev.snapshot as unknown as Snapshot).controls, snapshot.controls);
  const members = await tx
    .select({ userId: panelMembers.userId })
    .from(panelMembers)
    .where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt)));
  let carried = 0;
  let rescore = 0;
  for (const m of members) {
    const [card] = await tx
      .insert(scorecards)
      .values({ panelId: panel.id, attestationId: current.id, userId: m.userId, createdAt: now })
      .returning({ id: scorecards.id });
    const [old] = await tx
      .select({ id: scorecards.id })
      .from(scorecards)
      .where(and(eq(scorecards.attestationId, prev.id), eq(scorecards.userId, m.userId)));
    const oldScores = old ? await tx.select().from(scores).where(eq(scores.scorecardId, old.id)) : [];
    const byControl = new Map(oldScores.map((s) => [s.controlId, s]));
    const rows = snapshot.controls.map((c) => {
      const before = byControl.get(c.id);
      if (!changed.has(c.id) && before && before.score !== null) {
        carried++;
        return {
          scorecardId: card!.id,
          controlId: c.id,
          score: before.score,
          rationale: before.rationale,
          carriedFrom: before.carriedFrom ?? prev.revision,
          rescore: false,
          updatedAt: now,
        };
      }
      if (changed.has(c.id)) rescore++;
      return { scorecardId: card!.id, controlId: c.id, score: null, rationale: "", carriedFrom: null, rescore: changed.has(c.id), updatedAt: now };
    });
    if (rows.length) await tx.insert(scores).values(rows);
  }
  await recordAudit(
    tx,
    auditActor(actor),
    "review.scores_carried_over",
    { type: "attestation", id: current.id },
    { fromRevision: prev.revision, changedControls: changed.size, carried, rescore },
  );
  return { carried, rescore };
}
