import "server-only";
import { and, asc, eq, exists, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  attestations,
  attestationSubmissions,
  blobs,
  catalogControls,
  clarificationMessages,
  clarifications,
  catalogDomains,
  evidenceItems,
  evidenceVersions,
  frameworkVersions,
  organisations,
  panelMembers,
  products,
  remediationItems,
  reviewDecisions,
  reviewPanels,
  rolloutRecords,
  scorecards,
  scores,
  users,
} from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import type { Snapshot, SnapshotControl } from "@/lib/attestations/snapshot";
import { isUuid } from "@/lib/ids";
import type { Finding } from "@/lib/rollouts/analysis/types";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { saveScoreSchema } from "@/lib/validations/review";
import { attestationInScope, scopeOf } from "./access";
import { rationaleRequired } from "./outcome";
import { submittedSnapshot } from "./snapshot";
import { lockFor, moveTo } from "./state";
import type { Relation, State } from "./transitions";

/**
 * One submitted revision as a seated panel member may see it. The scope is in
 * the where-clause: a person who is not seated on the panel (or has not
 * declared) gets null, exactly as for an unknown id.
 */
export async function openForPanel(db: DbOrTx, actor: Actor, attestationId: string) {
  if (!isUuid(attestationId)) return null;
  const scope = scopeOf(actor);
  if (scope.kind !== "panel") return null;
  const [row] = await db
    .select({
      id: attestations.id,
      lineageId: attestations.lineageId,
      revision: attestations.revision,
      status: attestations.status,
      organisationId: attestations.organisationId,
      organisationName: organisations.name,
      productName: products.name,
      frameworkTitle: frameworkVersions.title,
      frameworkVersion: frameworkVersions.version,
      snapshot: attestationSubmissions.snapshot,
      digest: attestationSubmissions.digest,
      signedAt: attestationSubmissions.signedAt,
      panelId: reviewPanels.id,
      dueDate: reviewPanels.dueDate,
      isLead: panelMembers.isLead,
    })
    .from(attestations)
    .innerJoin(organisations, eq(organisations.id, attestations.organisationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .innerJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
    .innerJoin(reviewPanels, eq(reviewPanels.lineageId, attestations.lineageId))
    .innerJoin(panelMembers, and(eq(panelMembers.panelId, reviewPanels.id), eq(panelMembers.userId, actor.userId)))
    .where(and(eq(attestations.id, attestationId), attestationInScope(db, scope)));
  if (!row) return null;
  const relation: Relation = row.isLead ? "lead" : "member";
  return { ...row, status: row.status as State, snapshot: row.snapshot as unknown as Snapshot, relation };
}
export type PanelAttestation = NonNullable<Awaited<ReturnType<typeof openForPanel>>>;

/** The catalog side of each snapshot control: statement, guidance, rubric, weight. */
export async function catalogFor(db: DbOrTx, controlIds: string[]) {
  if (!controlIds.length) return new Map();
  const rows = await db
    .select({
      id: catalogControls.id,
      statement: catalogControls.statement,
      reviewerGuidance: catalogControls.reviewerGuidance,
      rubric: catalogControls.rubric,
      weight: catalogControls.weight,
      must: catalogControls.must,
      domainTitle: catalogDomains.title,
      domainKey: catalogDomains.key,
    })
    .from(catalogControls)
    .innerJoin(catalogDomains, eq(catalogDomains.id, catalogControls.domainId))
    .where(inArray(catalogControls.id, controlIds));
  return new Map(rows.map((r) => [r.id, r]));
}
export type CatalogInfo = {
  id: string;
  statement: string;
  reviewerGuidance: string;
  rubric: string[];
  weight: number;
  must: boolean;
  domainTitle: string;
  domainKey: string;
};

export type MyScore = {
  controlId: string;
  score: number | null;
  rationale: string;
  version: number;
  carriedFrom: number | null;
  rescore: boolean;
  updatedAt: string;
};

export async function myScorecard(db: DbOrTx, userId: string, attestationId: string) {
  const [card] = await db
    .select()
    .from(scorecards)
    .where(and(eq(scorecards.attestationId, attestationId), eq(scorecards.userId, userId)));
  if (!card) return null;
  const rows = await db.select().from(scores).where(eq(scores.scorecardId, card.id));
  const map = new Map<string, MyScore>(
    rows.map((r) => [
      r.controlId,
      {
        controlId: r.controlId,
        score: r.score,
        rationale: r.rationale,
        version: r.version,
        carriedFrom: r.carriedFrom,
        rescore: r.rescore,
        updatedAt: r.updatedAt.toISOString(),
      },
    ]),
  );
  return { id: card.id, submittedAt: card.submittedAt, scores: map };
}

export type RolloutFindings = {
  recordId: string;
  evidenceId: string;
  title: string;
  releaseId: string;
  version: string;
  worstSeverity: string | null;
  findings: (Finding & { key: string })[];
};

/** Machine findings of the rollout records linked in a snapshot (only records of the attestation's own vendor). */
export async function rolloutFindingsFor(db: DbOrTx, organisationId: string, controls: SnapshotControl[]): Promise<Map<string, RolloutFindings>> {
  const evidenceIds = [...new Set(controls.flatMap((c) => c.evidence.filter((e) => e.kind === "rollout_record").map((e) => e.id)))];
  if (!evidenceIds.length) return new Map();
  const rows = await db
    .select({
      evidenceId: evidenceItems.id,
      title: evidenceItems.title,
      recordId: rolloutRecords.id,
      releaseId: rolloutRecords.releaseId,
      version: rolloutRecords.version,
      analysis: rolloutRecords.analysis,
      worstSeverity: rolloutRecords.worstSeverity,
    })
    .from(evidenceItems)
    .innerJoin(rolloutRecords, eq(rolloutRecords.id, evidenceItems.rolloutRecordId))
    .where(and(inArray(evidenceItems.id, evidenceIds), eq(evidenceItems.organisationId, organisationId), eq(rolloutRecords.organisationId, organisationId)));
  return new Map(
    rows.map((r) => {
      const findings = ((r.analysis as { findings?: Finding[] } | null)?.findings ?? []).map((f, i) => ({ ...f, key: `${f.code}#${i}` }));
      return [
        r.evidenceId,
        {
          recordId: r.recordId,
          evidenceId: r.evidenceId,
          title: r.title,
          releaseId: r.releaseId,
          version: r.version,
          worstSeverity: r.worstSeverity,
          findings,
        },
      ];
    }),
  );
}

/**
 * Saves one score. The rationale is required for scores of 2 or less and
 * when the score is 2 or more away from the vendor's self-assessment. A save
 * based on an older version of the same score is refused, with the current
 * value, so two tabs cannot silently overwrite each other.
 */
export async function saveScore(db: Db, actor: Actor, input: z.output<typeof saveScoreSchema>, now = new Date()): Promise<ActionResult<{ version: number }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ version: number }>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "save_score");
    if (!gate.ok) return gate.result;
    const [card] = await tx
      .select()
      .from(scorecards)
      .where(and(eq(scorecards.attestationId, input.attestationId), eq(scorecards.userId, actor.userId)))
      .for("update");
    if (!card) return fail("not_found", "You have no scorecard for this revision. Declare conflicts first.");
    if (card.submittedAt) return fail("conflict", "You have submitted your scorecard; its scores can no longer be changed.");
    const [row] = await tx
      .select()
      .from(scores)
      .where(and(eq(scores.scorecardId, card.id), eq(scores.controlId, input.controlId)));
    if (!row) return fail("not_found", "This control is not part of the submission.");
    const control = (await submittedSnapshot(tx, input.attestationId))?.controls.find((c) => c.id === input.controlId);
    if (rationaleRequired(input.score, control?.maturity ?? null) && input.rationale.trim().length < 10) {
      const why =
        input.score <= 2
          ? `A score of ${input.score} needs a rationale`
          : `This score is ${Math.abs(input.score - (control?.maturity ?? input.score))} away from the vendor's self-assessment of ${control?.maturity}, so it needs a rationale`;
      return fieldError("rationale", `${why} of at least 10 characters.`);
    }
    if (row.version !== input.version) {
      return fail(
        "conflict",
        `This score was changed in another window (now ${row.score ?? "unscored"}, saved ${row.updatedAt.toISOString().slice(0, 16).replace("T", " ")} UTC). Reload to see it before saving again.`,
      );
    }
    const [saved] = await tx
      .update(scores)
      .set({ score: input.score, rationale: input.rationale, rescore: false, carriedFrom: null, version: row.version + 1, updatedAt: now })
      .where(and(eq(scores.id, row.id), eq(scores.version, row.version)))
      .returning({ version: scores.version });
    if (!saved) return fail("conflict", "This score was changed at the same moment in another window. Reload and try again.");
    await recordAudit(
      tx,
      auditActor(actor),
      "review.score_saved",
      { type: "attestation", id: input.attestationId },
      { controlId: input.controlId, score: input.score, from: row.score, version: saved.version },
    );
    return ok({ version: saved.version });
  });
}

/**
 * Submits a reviewer's scorecard once every control has a score (and the
 * rationale the rules ask for). When it is the last seated member's, the
 * attestation moves to reconciliation and the lead is told.
 */
export async function submitScorecard(db: Db, actor: Actor, attestationId: string, now = new Date()): Promise<ActionResult<{ reconciliation: boolean }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ reconciliation: boolean }>> => {
    const gate = await lockFor(tx, actor, attestationId, "submit_scorecard");
    if (!gate.ok) return gate.result;
    const [card] = await tx
      .select()
      .from(scorecards)
      .where(and(eq(scorecards.attestationId, attestationId), eq(scorecards.userId, actor.userId)))
      .for("update");
    if (!card) return fail("not_found", "You have no scorecard for this revision.");
    if (card.submittedAt) return fail("conflict", "You have already submitted this scorecard.");
    const rows = await tx.select().from(scores).where(eq(scores.scorecardId, card.id));
    const controls = new Map(((await submittedSnapshot(tx, attestationId))?.controls ?? []).map((c) => [c.id, c]));
    const missing = rows.filter((r) => r.score === null).length;
    if (missing) return fail("invalid", `${missing} ${missing === 1 ? "control is" : "controls are"} not scored yet. Score every control before submitting.`);
    const noRationale = rows.filter((r) => rationaleRequired(r.score!, controls.get(r.controlId)?.maturity ?? null) && r.rationale.trim().length < 10);
    if (noRationale.length)
      return fail("invalid", `${noRationale.length} ${noRationale.length === 1 ? "score needs" : "scores need"} a rationale before you can submit.`);
    await tx.update(scorecards).set({ submittedAt: now }).where(eq(scorecards.id, card.id));
    await recordAudit(tx, auditActor(actor), "review.scorecard_submitted", { type: "attestation", id: attestationId }, { scorecardId: card.id });
    // Everyone seated has submitted for this revision?
    const seated = await tx
      .select({ userId: panelMembers.userId, isLead: panelMembers.isLead, submittedAt: scorecards.submittedAt })
      .from(panelMembers)
      .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
      .leftJoin(scorecards, and(eq(scorecards.attestationId, attestationId), eq(scorecards.userId, panelMembers.userId)))
      .where(and(eq(reviewPanels.lineageId, gate.row.lineageId), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt)));
    const pending = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(panelMembers)
      .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
      .where(and(eq(reviewPanels.lineageId, gate.row.lineageId), eq(panelMembers.conflict, "pending"), isNull(panelMembers.removedAt)));
    const allIn = seated.length > 0 && seated.every((m) => m.submittedAt) && (pending[0]?.n ?? 0) === 0;
    if (!allIn) return ok({ reconciliation: false });
    const next = await lockFor(tx, actor, attestationId, "complete_scoring");
    if (!next.ok) return next.result;
    await moveTo(tx, actor, next.row, "complete_scoring", "reconciliation", {}, now);
    await notify(
      tx,
      seated.map((m) => m.userId),
      {
        kind: "scorecards_complete",
        title: "Every scorecard is in: reconciliation is open",
        body: "All panel members have submitted their scores. The lead now records the consensus, control by control.",
        link: `/review/${attestationId}/reconcile`,
      },
    );
    return ok({ reconciliation: true });
  });
}

export type PanelScore = { userId: string; name: string; role: string; controlId: string; score: number | null; rationale: string };

/**
 * Every panel member's scores for one revision — but only for a member who
 * has submitted their own scorecard for it. Blindness is in the query: the
 * rows come back only if an own submitted scorecard exists.
 */
export async function listPanelScores(db: DbOrTx, actor: Actor, attestationId: string): Promise<PanelScore[]> {
  if (!isUuid(attestationId) || scopeOf(actor).kind !== "panel") return [];
  const own = db
    .select({ one: sql`1` })
    .from(scorecards)
    .where(and(eq(scorecards.attestationId, attestationId), eq(scorecards.userId, actor.userId), isNotNull(scorecards.submittedAt)));
  const seated = db
    .select({ one: sql`1` })
    .from(panelMembers)
    .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
    .where(
      and(eq(panelMembers.userId, actor.userId), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt), eq(reviewPanels.id, scorecards.panelId)),
    );
  return db
    .select({
      userId: scorecards.userId,
      name: users.name,
      role: panelMembers.role,
      controlId: scores.controlId,
      score: scores.score,
      rationale: scores.rationale,
    })
    .from(scorecards)
    .innerJoin(scores, eq(scores.scorecardId, scorecards.id))
    .innerJoin(users, eq(users.id, scorecards.userId))
    .innerJoin(panelMembers, and(eq(panelMembers.panelId, scorecards.panelId), eq(panelMembers.userId, scorecards.userId)))
    .where(and(eq(scorecards.attestationId, attestationId), isNotNull(scorecards.submittedAt), exists(own), exists(seated)))
    .orderBy(asc(users.name));
}

/**
 * The stored file a panel member may open: a version of an evidence item that
 * the submitted snapshot of this revision names (with its hash), or that the
 * vendor attached to an answer in one of its clarification threads. Anything
 * else is null (not found).
 */
export async function panelEvidenceFile(db: DbOrTx, actor: Actor, attestationId: string, evidenceId: string, version: number) {
  const a = await openForPanel(db, actor, attestationId);
  if (!a || !isUuid(evidenceId)) return null;
  const inSnapshot = a.snapshot.controls.some((c) => c.evidence.some((e) => e.id === evidenceId && (e.version ?? 0) === version && e.sha256));
  let attached = false;
  if (!inSnapshot) {
    const [m] = await db
      .select({ one: sql`1` })
      .from(clarificationMessages)
      .innerJoin(clarifications, eq(clarifications.id, clarificationMessages.clarificationId))
      .where(
        and(eq(clarifications.attestationId, a.id), eq(clarificationMessages.evidenceItemId, evidenceId), eq(clarificationMessages.evidenceVersion, version)),
      );
    attached = Boolean(m);
    if (!attached) {
      const [r] = await db
        .select({ one: sql`1` })
        .from(remediationItems)
        .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
        .where(and(eq(reviewDecisions.attestationId, a.id), eq(remediationItems.evidenceItemId, evidenceId), eq(remediationItems.evidenceVersion, version)));
      attached = Boolean(r);
    }
  }
  if (!inSnapshot && !attached) return null;
  const [file] = await db
    .select({ sha256: evidenceVersions.blobSha256, fileName: evidenceVersions.fileName, size: blobs.size, mime: blobs.mime })
    .from(evidenceVersions)
    .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceVersions.evidenceId))
    .innerJoin(blobs, eq(blobs.sha256, evidenceVersions.blobSha256))
    .where(and(eq(evidenceVersions.evidenceId, evidenceId), eq(evidenceVersions.version, version), eq(evidenceItems.organisationId, a.organisationId)));
  if (!file) return null;
  // The snapshot's hash is what was signed: a mismatch means the vault changed under it.
  const signed = a.snapshot.controls.flatMap((c) => c.evidence).find((e) => e.id === evidenceId && (e.version ?? 0) === version);
  if (signed?.sha256 && signed.sha256 !== file.sha256) return null;
  return file;
}
