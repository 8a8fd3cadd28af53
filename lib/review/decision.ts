import "server-only";
import { and, asc, eq, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  attestations,
  consensusScores,
  findingDispositions,
  panelMembers,
  reconciliationComments,
  remediationItems,
  reviewDecisions,
  reviewPanels,
} from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import type { Snapshot } from "@/lib/attestations/snapshot";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { commentSchema, consensusSchema, findingDispositionSchema, requestChangesSchema, signDecisionSchema } from "@/lib/validations/review";
import { agreementSummary } from "./agreement";
import { computeOutcome, spread, flagged, RESULT_LABELS, type Outcome } from "./outcome";
import { catalogFor, listPanelScores, rolloutFindingsFor, type PanelAttestation } from "./scoring";
import { vendorOfficers } from "./clarification-support";
import { submittedSnapshot } from "./snapshot";
import { lockFor, moveTo } from "./state";

async function seatedMembers(tx: DbOrTx, lineageId: string) {
  return tx
    .select({ userId: panelMembers.userId, role: panelMembers.role, isLead: panelMembers.isLead })
    .from(panelMembers)
    .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
    .where(and(eq(reviewPanels.lineageId, lineageId), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt)));
}

/** The lead sends the attestation back to the vendor, who submits a new revision. */
export async function requestChanges(db: Db, actor: Actor, input: z.output<typeof requestChangesSchema>, now = new Date()): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "request_changes");
    if (!gate.ok) return gate.result;
    await moveTo(tx, actor, gate.row, "request_changes", "changes_requested", { message: input.message }, now);
    await notify(tx, await vendorOfficers(tx, gate.row.organisationId), {
      kind: "changes_requested",
      title: "The review panel has requested changes",
      body: input.message,
      link: `/vendor/attestations/${gate.row.id}`,
    });
    return ok(undefined);
  });
}

export type ReconciliationRow = {
  controlId: string;
  controlKey: string;
  title: string;
  domainTitle: string;
  must: boolean;
  weight: number;
  selfAssessment: number | null;
  scores: { userId: string; name: string; score: number | null; rationale: string }[];
  mean: number | null;
  spread: number;
  flagged: boolean;
  consensus: { score: number; note: string } | null;
  comments: { authorName: string; body: string; at: string }[];
};

/**
 * The reconciliation matrix of one revision for a seated member who has
 * submitted their own scorecard (listPanelScores enforces that), with the
 * inter-rater agreement, the consensus so far and the outcome it gives.
 */
export async function loadReconciliation(db: DbOrTx, actor: Actor, a: PanelAttestation) {
  const panelScores = await listPanelScores(db, actor, a.id);
  if (!panelScores.length) return null;
  const controls = a.snapshot.controls;
  const info = await catalogFor(
    db,
    controls.map((c) => c.id),
  );
  const consensus = await db.select().from(consensusScores).where(eq(consensusScores.attestationId, a.id));
  const comments = await db
    .select()
    .from(reconciliationComments)
    .where(eq(reconciliationComments.attestationId, a.id))
    .orderBy(asc(reconciliationComments.createdAt));
  const raters = [...new Map(panelScores.map((s) => [s.userId, s.name])).entries()];
  const rows: ReconciliationRow[] = controls.map((c) => {
    const own = panelScores.filter((s) => s.controlId === c.id);
    const values = own.map((s) => s.score).filter((v): v is number => v !== null);
    const cs = consensus.find((x) => x.controlId === c.id);
    const i = info.get(c.id);
    return {
      controlId: c.id,
      controlKey: c.controlId,
      title: c.title,
      domainTitle: i?.domainTitle ?? c.domain,
      must: c.must,
      weight: i?.weight ?? 1,
      selfAssessment: c.maturity,
      scores: raters.map(([userId, name]) => {
        const s = own.find((x) => x.userId === userId);
        return { userId, name, score: s?.score ?? null, rationale: s?.rationale ?? "" };
      }),
      mean: values.length ? values.reduce((x, y) => x + y, 0) / values.length : null,
      spread: spread(values),
      flagged: flagged(values),
      consensus: cs ? { score: cs.score, note: cs.note } : null,
      comments: comments.filter((x) => x.controlId === c.id).map((x) => ({ authorName: x.authorName, body: x.body, at: x.createdAt.toISOString() })),
    };
  });
  const matrix = new Map(raters.map(([userId]) => [userId, new Map(rows.map((r) => [r.controlId, r.scores.find((s) => s.userId === userId)?.score ?? null]))]));
  const agreement = agreementSummary(matrix);
  const findings = await rolloutFindingsFor(db, a.organisationId, controls);
  const dispositions = await db.select().from(findingDispositions).where(eq(findingDispositions.attestationId, a.id));
  const critical = [...findings.values()].flatMap((r) =>
    r.findings
      .filter((f) => f.severity === "critical")
      .map((f) => ({
        ...f,
        recordId: r.recordId,
        recordTitle: r.title,
        disposition: dispositions.find((d) => d.rolloutRecordId === r.recordId && d.findingKey === f.key) ?? null,
      })),
  );
  const outcome = computeOutcome(
    rows.map((r) => ({ id: r.controlId, domain: r.domainTitle, domainTitle: r.domainTitle, weight: r.weight, must: r.must })),
    new Map(rows.filter((r) => r.consensus).map((r) => [r.controlId, r.consensus!.score])),
    critical.filter((c) => !c.disposition).length,
  );
  const [decision] = await db.select().from(reviewDecisions).where(eq(reviewDecisions.attestationId, a.id));
  const remediation = decision
    ? await db.select().from(remediationItems).where(eq(remediationItems.decisionId, decision.id)).orderBy(asc(remediationItems.dueDate))
    : [];
  return { rows, raters: raters.map(([userId, name]) => ({ userId, name })), agreement, critical, outcome, decision: decision ?? null, remediation };
}

export async function addComment(db: Db, actor: Actor, input: z.output<typeof commentSchema>, now = new Date()): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "comment");
    if (!gate.ok) return gate.result;
    if (!(await inSnapshot(tx, input.attestationId, input.controlId))) return fail("not_found", "This control is not part of the submission.");
    await tx.insert(reconciliationComments).values({
      attestationId: input.attestationId,
      controlId: input.controlId,
      authorId: actor.userId,
      authorName: actor.name,
      body: input.body,
      createdAt: now,
    });
    await recordAudit(tx, auditActor(actor), "review.comment_added", { type: "attestation", id: input.attestationId }, { controlId: input.controlId });
    return ok(undefined);
  });
}

async function inSnapshot(tx: DbOrTx, attestationId: string, controlId: string): Promise<Snapshot["controls"][number] | null> {
  return (await submittedSnapshot(tx, attestationId))?.controls.find((c) => c.id === controlId) ?? null;
}

/** The lead records the agreed score of one control; a note is required where it is half a point or more from the panel's mean. */
export async function recordConsensus(db: Db, actor: Actor, input: z.output<typeof consensusSchema>, now = new Date()): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "record_consensus");
    if (!gate.ok) return gate.result;
    if (!(await inSnapshot(tx, input.attestationId, input.controlId))) return fail("not_found", "This control is not part of the submission.");
    const [decided] = await tx.select({ id: reviewDecisions.id }).from(reviewDecisions).where(eq(reviewDecisions.attestationId, input.attestationId));
    if (decided) return fail("conflict", "The decision has been signed; consensus scores can no longer change.");
    const all = (await listPanelScores(tx, actor, input.attestationId)).filter((s) => s.controlId === input.controlId && s.score !== null);
    const mean = all.length ? all.reduce((x, s) => x + s.score!, 0) / all.length : null;
    if (mean !== null && Math.abs(input.score - mean) >= 0.5 && input.note.trim().length < 10) {
      return fieldError("note", `The panel's mean is ${mean.toFixed(2)}; explain in at least 10 characters why the consensus is ${input.score}.`);
    }
    await tx
      .insert(consensusScores)
      .values({
        attestationId: input.attestationId,
        controlId: input.controlId,
        score: input.score,
        note: input.note,
        recordedBy: actor.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [consensusScores.attestationId, consensusScores.controlId],
        set: { score: input.score, note: input.note, recordedBy: actor.userId, updatedAt: now },
      });
    await recordAudit(
      tx,
      auditActor(actor),
      "review.consensus_recorded",
      { type: "attestation", id: input.attestationId },
      { controlId: input.controlId, score: input.score, mean },
    );
    return ok(undefined);
  });
}

/** The lead records how a critical machine finding was addressed; only then does it stop capping the result. */
export async function recordFindingDisposition(
  db: Db,
  actor: Actor,
  input: z.output<typeof findingDispositionSchema>,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "record_consensus");
    if (!gate.ok) return gate.result;
    const findings = await rolloutFindingsFor(tx, gate.row.organisationId, (await submittedSnapshot(tx, input.attestationId))?.controls ?? []);
    const record = [...findings.values()].find((r) => r.recordId === input.rolloutRecordId);
    if (!record?.findings.some((f) => f.key === input.findingKey && f.severity === "critical"))
      return fail("not_found", "There is no such critical finding on this submission.");
    await tx
      .insert(findingDispositions)
      .values({
        attestationId: input.attestationId,
        rolloutRecordId: input.rolloutRecordId,
        findingKey: input.findingKey,
        note: input.note,
        recordedBy: actor.userId,
        createdAt: now,
      })
      .onConflictDoUpdate({
        target: [findingDispositions.attestationId, findingDispositions.rolloutRecordId, findingDispositions.findingKey],
        set: { note: input.note, recordedBy: actor.userId },
      });
    await recordAudit(
      tx,
      auditActor(actor),
      "review.finding_addressed",
      { type: "attestation", id: input.attestationId },
      { rolloutRecordId: input.rolloutRecordId, findingKey: input.findingKey },
    );
    return ok(undefined);
  });
}

/**
 * The lead signs the decision: the result is the one the outcome rules give
 * from the consensus scores (never chosen by hand); "meets with conditions"
 * needs remediation items. A government auditor of the panel, not the lead,
 * co-signs it to make it final.
 */
export async function signDecision(
  db: Db,
  actor: Actor,
  input: z.output<typeof signDecisionSchema>,
  outcomeOf: (tx: DbOrTx) => Promise<Outcome | null>,
  now = new Date(),
): Promise<ActionResult<{ result: string }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ result: string }>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "sign_decision");
    if (!gate.ok) return gate.result;
    const [existing] = await tx.select({ id: reviewDecisions.id }).from(reviewDecisions).where(eq(reviewDecisions.attestationId, input.attestationId));
    if (existing) return fail("conflict", "The decision has already been signed.");
    const outcome = await outcomeOf(tx);
    if (!outcome?.complete)
      return fail("invalid", `Record a consensus score for every control first${outcome && !outcome.complete ? ` (${outcome.missing.length} missing)` : ""}.`);
    if (outcome.result === "meets_with_conditions" && input.remediation.length === 0)
      return fieldError("remediation", "A result of “meets with conditions” needs at least one remediation item.");
    if (outcome.result !== "meets_with_conditions" && input.remediation.length > 0)
      return fieldError("remediation", "Remediation items belong only to a result of “meets with conditions”.");
    for (const [i, item] of input.remediation.entries()) {
      if (!(await inSnapshot(tx, input.attestationId, item.controlId))) return fieldError(`remediation.${i}.controlId`, "Choose a control of this submission.");
      if (item.dueDate <= now.toISOString().slice(0, 10)) return fieldError(`remediation.${i}.dueDate`, "The due date must be in the future.");
    }
    const [panel] = await tx.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.lineageId, gate.row.lineageId));
    const [decision] = await tx
      .insert(reviewDecisions)
      .values({
        attestationId: input.attestationId,
        panelId: panel!.id,
        organisationId: gate.row.organisationId,
        result: outcome.result,
        overall: outcome.overall.toFixed(2),
        summary: input.summary,
        outcome: JSON.stringify({
          domains: outcome.domains.map((d) => ({ domain: d.domain, title: d.title, weightedMean: d.weightedMean })),
          reasons: outcome.reasons,
        }),
        signedBy: actor.userId,
        signedAt: now,
      })
      .returning({ id: reviewDecisions.id });
    if (input.remediation.length) {
      await tx.insert(remediationItems).values(
        input.remediation.map((r) => ({
          decisionId: decision!.id,
          organisationId: gate.row.organisationId,
          controlId: r.controlId,
          action: r.action,
          dueDate: r.dueDate,
          createdAt: now,
        })),
      );
    }
    await recordAudit(
      tx,
      auditActor(actor),
      "review.decision_signed",
      { type: "attestation", id: input.attestationId },
      { result: outcome.result, overall: outcome.overall, remediation: input.remediation.length },
    );
    const auditors = (await seatedMembers(tx, gate.row.lineageId)).filter((m) => m.role === "gov_auditor" && m.userId !== actor.userId).map((m) => m.userId);
    await notify(tx, auditors, {
      kind: "decision_signed",
      title: "A decision waits for your co-signature",
      body: `The lead signed the result “${RESULT_LABELS[outcome.result]}”. A government auditor of the panel co-signs it to make it final.`,
      link: `/review/${input.attestationId}/reconcile`,
    });
    return ok({ result: outcome.result });
  });
}

/** A government auditor of the panel, other than the signer, co-signs: the attestation is decided and the vendor is told. */
export async function cosignDecision(db: Db, actor: Actor, attestationId: string, now = new Date()): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, attestationId, "cosign_decision");
    if (!gate.ok) return gate.result;
    const [decision] = await tx.select().from(reviewDecisions).where(eq(reviewDecisions.attestationId, attestationId)).for("update");
    if (!decision) return fail("conflict", "The lead has not signed a decision yet.");
    if (decision.cosignedBy) return fail("conflict", "The decision has already been co-signed.");
    if (decision.signedBy === actor.userId) return fail("forbidden", "The decision needs two different people: someone other than the lead must co-sign it.");
    await tx.update(reviewDecisions).set({ cosignedBy: actor.userId, cosignedAt: now }).where(eq(reviewDecisions.id, decision.id));
    await moveTo(tx, actor, gate.row, "cosign_decision", "decided", { result: decision.result }, now);
    const title = `Decision: ${decision.result === "meets" ? "meets the principles" : decision.result === "meets_with_conditions" ? "meets with conditions" : "does not meet"}`;
    const body = "The panel's decision on the attestation has been signed and co-signed.";
    await notify(
      tx,
      (await seatedMembers(tx, gate.row.lineageId)).map((m) => m.userId),
      { kind: "decision", title, body, link: `/review/${attestationId}/reconcile` },
    );
    await notify(tx, await vendorOfficers(tx, gate.row.organisationId), { kind: "decision", title, body, link: `/vendor/attestations/${attestationId}` });
    return ok(undefined);
  });
}

/** Other revisions in a lineage that are not drafts: used to show history on the review pages. */
export async function lineageRevisions(db: DbOrTx, lineageId: string) {
  return db
    .select({ id: attestations.id, revision: attestations.revision, status: attestations.status })
    .from(attestations)
    .where(and(eq(attestations.lineageId, lineageId), ne(attestations.status, "draft")))
    .orderBy(asc(attestations.revision));
}
