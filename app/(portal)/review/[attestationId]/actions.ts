"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/server/action";
import { declareConflict } from "@/lib/review/panels";
import { saveScore, submitScorecard, openForPanel } from "@/lib/review/scoring";
import { addComment, cosignDecision, loadReconciliation, recordConsensus, recordFindingDisposition, requestChanges, signDecision } from "@/lib/review/decision";
import { reviewRemediation } from "@/lib/review/remediation";
import { publishReport } from "@/lib/reports/publish";
import {
  attestationIdSchema,
  commentSchema,
  consensusSchema,
  declareConflictSchema,
  findingDispositionSchema,
  requestChangesSchema,
  reviewRemediationSchema,
  saveScoreSchema,
  signDecisionSchema,
} from "@/lib/validations/review";

// Each action checks the session and permission (defineAction), then the
// transition table, panel seat and state under a row lock (lib/review/state.ts).

export const declareConflictAction = defineAction("review.use", declareConflictSchema, async (input, actor) => declareConflict(await getDb(), actor, input));

export const saveScoreAction = defineAction("review.use", saveScoreSchema, async (input, actor) => saveScore(await getDb(), actor, input));

export const submitScorecardAction = defineAction("review.use", attestationIdSchema, async (input, actor) =>
  submitScorecard(await getDb(), actor, input.attestationId),
);

export const requestChangesAction = defineAction("review.use", requestChangesSchema, async (input, actor) => requestChanges(await getDb(), actor, input));

export const addCommentAction = defineAction("review.use", commentSchema, async (input, actor) => addComment(await getDb(), actor, input));

export const recordConsensusAction = defineAction("review.use", consensusSchema, async (input, actor) => recordConsensus(await getDb(), actor, input));

export const recordFindingAction = defineAction("review.use", findingDispositionSchema, async (input, actor) =>
  recordFindingDisposition(await getDb(), actor, input),
);

export const signDecisionAction = defineAction(
  "review.use",
  signDecisionSchema,
  async (input, actor) => {
    const db = await getDb();
    return signDecision(db, actor, input, async (tx) => {
      const a = await openForPanel(tx, actor, input.attestationId);
      const r = a ? await loadReconciliation(tx, actor, a) : null;
      return r?.outcome ?? null;
    });
  },
  { stepUp: true },
);

export const cosignDecisionAction = defineAction(
  "review.use",
  z.object({ attestationId: z.string().uuid() }),
  async (input, actor) => cosignDecision(await getDb(), actor, input.attestationId),
  { stepUp: true },
);

export const reviewRemediationAction = defineAction("review.use", reviewRemediationSchema, async (input, actor) =>
  reviewRemediation(await getDb(), actor, input),
);

export const publishReportAction = defineAction("review.use", attestationIdSchema, async ({ attestationId }, actor) =>
  publishReport(await getDb(), actor, attestationId),
);
