/**
 * Questions from the review panel to the vendor about one submitted control,
 * and the vendor's answers. Every step locks the attestation and is checked
 * against the transition table (lib/review/transitions.ts), so nothing here
 * works unless the attestation is in review. The message, the question's new
 * status, the audit row and the notifications are written in one transaction.
 * Answers never touch the signed submission or the attestation's evidence
 * links: evidence attached to an answer is recorded on the message only.
 */
import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { clarificationMessages, clarifications, evidenceItems, reviewPanels } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult, type Failure } from "@/lib/result";
import { answerClarificationSchema, askClarificationSchema, replyClarificationSchema, resolveClarificationSchema } from "@/lib/validations/clarifications";
import type { AnswerClarificationInput, AskClarificationInput, ReplyClarificationInput, ResolveClarificationInput } from "@/lib/validations/clarifications";
import type { ClarificationStatus } from "./clarification-types";
import { lockThread, parseInput, seatedMembers, submittedControl, vendorOfficers } from "./clarification-support";
import { lockFor } from "./state";

export { countOpenClarifications, getClarificationSubject, listClarifications } from "./clarification-queries";

export type ThreadChange = { id: string; attestationId: string; status: ClarificationStatus };

const RESOLVED = "This question has been resolved, so it is closed. To follow up, ask a new question on the control.";
const vendorLink = (attestationId: string) => `/vendor/attestations/${attestationId}/questions`;
const panelLink = (attestationId: string, controlId: string) => `/review/${attestationId}/score?control=${controlId}`;

/** A panel member asks the vendor a question about one control of the submission. */
export async function askClarification(db: DbOrTx, actor: Actor, input: AskClarificationInput, now = new Date()): Promise<ActionResult<ThreadChange>> {
  const parsed = parseInput(askClarificationSchema, input);
  if (!parsed.ok) return parsed.result;
  const { attestationId, controlId, body } = parsed.data;
  return db.transaction(async (tx): Promise<ActionResult<ThreadChange>> => {
    const gate = await lockFor(tx, actor, attestationId, "ask_clarification");
    if (!gate.ok) return gate.result as Failure;
    const control = await submittedControl(tx, gate.row.id, controlId);
    if (!control) return fieldError("controlId", "Choose a control of this submission.");
    const [panel] = await tx.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.lineageId, gate.row.lineageId));
    if (!panel) return fail("not_found", "This attestation does not exist.");
    const [thread] = await tx
      .insert(clarifications)
      .values({
        panelId: panel.id,
        attestationId: gate.row.id,
        organisationId: gate.row.organisationId,
        controlId,
        askedBy: actor.userId,
        status: "open",
        createdAt: now,
      })
      .returning({ id: clarifications.id });
    if (!thread) throw new Error("insert returned no row");
    const [message] = await tx
      .insert(clarificationMessages)
      .values({ clarificationId: thread.id, authorId: actor.userId, authorName: actor.name, side: "panel", body, createdAt: now })
      .returning({ id: clarificationMessages.id });
    await recordAudit(
      tx,
      auditActor(actor),
      "clarification.asked",
      { type: "clarification", id: thread.id },
      { attestationId: gate.row.id, revision: gate.row.revision, controlId, controlRef: control.ref, messageId: message!.id },
    );
    await notify(tx, await vendorOfficers(tx, gate.row.organisationId), {
      kind: "clarification_asked",
      title: `Question from the review panel on ${control.ref}`,
      body: `The review panel asked a question about control ${control.ref} (${control.title}) in your attestation for ${control.productName}, revision ${gate.row.revision}. Sign in to read and answer it.`,
      link: vendorLink(gate.row.id),
    });
    return ok({ id: thread.id, attestationId: gate.row.id, status: "open" });
  });
}

/** A panel member follows up on a question that is not resolved: it waits for the vendor again. */
export async function replyAsPanel(db: DbOrTx, actor: Actor, input: ReplyClarificationInput, now = new Date()): Promise<ActionResult<ThreadChange>> {
  const parsed = parseInput(replyClarificationSchema, input);
  if (!parsed.ok) return parsed.result;
  const { clarificationId, body } = parsed.data;
  return db.transaction(async (tx): Promise<ActionResult<ThreadChange>> => {
    // A follow-up is a question again: the same step as asking one.
    const locked = await lockThread(tx, actor, clarificationId, "ask_clarification");
    if (!locked.ok) return locked.result;
    const { row, thread } = locked;
    if (thread.status === "resolved") return fail("conflict", RESOLVED);
    const control = await submittedControl(tx, row.id, thread.controlId);
    const [message] = await tx
      .insert(clarificationMessages)
      .values({ clarificationId: thread.id, authorId: actor.userId, authorName: actor.name, side: "panel", body, createdAt: now })
      .returning({ id: clarificationMessages.id });
    await tx.update(clarifications).set({ status: "open" }).where(eq(clarifications.id, thread.id));
    await recordAudit(
      tx,
      auditActor(actor),
      "clarification.followed_up",
      { type: "clarification", id: thread.id },
      { attestationId: row.id, controlId: thread.controlId, from: thread.status, messageId: message!.id },
    );
    const ref = control?.ref ?? "a control";
    await notify(tx, await vendorOfficers(tx, row.organisationId), {
      kind: "clarification_asked",
      title: `Follow-up from the review panel on ${ref}`,
      body: `The review panel followed up on its question about control ${ref} in your attestation for ${control?.productName ?? "your product"}, revision ${row.revision}. Sign in to read and answer it.`,
      link: vendorLink(row.id),
    });
    return ok({ id: thread.id, attestationId: row.id, status: "open" });
  });
}

/**
 * A compliance officer of the vendor answers an open or answered question,
 * optionally attaching one active item of the organisation's own vault at its
 * current file version. No revision is created and the signed submission is
 * left as it is.
 */
export async function answerClarification(db: DbOrTx, actor: Actor, input: AnswerClarificationInput, now = new Date()): Promise<ActionResult<ThreadChange>> {
  const parsed = parseInput(answerClarificationSchema, input);
  if (!parsed.ok) return parsed.result;
  const { clarificationId, body, evidenceId } = parsed.data;
  return db.transaction(async (tx): Promise<ActionResult<ThreadChange>> => {
    const locked = await lockThread(tx, actor, clarificationId, "answer_clarification");
    if (!locked.ok) return locked.result;
    const { row, thread } = locked;
    if (thread.status === "resolved") return fail("conflict", "This question has been resolved, so it can no longer be answered.");
    let evidence: { id: string; title: string; version: number } | null = null;
    if (evidenceId) {
      // The organisation is in the where-clause: another vendor's item is simply not there.
      const [item] = await tx
        .select({ id: evidenceItems.id, title: evidenceItems.title, version: evidenceItems.currentVersion, status: evidenceItems.status })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.id, evidenceId), eq(evidenceItems.organisationId, row.organisationId)))
        .for("share");
      if (!item) return fieldError("evidenceId", "Choose an item from your organisation's evidence vault.");
      if (item.status !== "active") return fieldError("evidenceId", `“${item.title}” is retired. Choose a current item of your vault.`);
      evidence = { id: item.id, title: item.title, version: item.version };
    }
    const [message] = await tx
      .insert(clarificationMessages)
      .values({
        clarificationId: thread.id,
        authorId: actor.userId,
        authorName: actor.name,
        side: "vendor",
        body,
        evidenceItemId: evidence?.id ?? null,
        evidenceVersion: evidence?.version ?? null,
        createdAt: now,
      })
      .returning({ id: clarificationMessages.id });
    await tx.update(clarifications).set({ status: "answered" }).where(eq(clarifications.id, thread.id));
    await recordAudit(
      tx,
      auditActor(actor),
      "clarification.answered",
      { type: "clarification", id: thread.id },
      {
        attestationId: row.id,
        controlId: thread.controlId,
        messageId: message!.id,
        evidenceId: evidence?.id ?? null,
        evidenceVersion: evidence?.version ?? null,
      },
    );
    const control = await submittedControl(tx, row.id, thread.controlId);
    const ref = control?.ref ?? "a control";
    await notify(tx, await seatedMembers(tx, thread.panelId), {
      kind: "clarification_answered",
      title: `${actor.organisationName} answered a question on ${ref}`,
      body: `${actor.organisationName} answered the panel's question about control ${ref} in the attestation for ${control?.productName ?? "its product"}, revision ${row.revision}${evidence ? `, and attached “${evidence.title}”` : ""}. Read the answer before you resolve the question.`,
      link: panelLink(row.id, thread.controlId),
    });
    return ok({ id: thread.id, attestationId: row.id, status: "answered" });
  });
}

/** A panel member closes a question: answered to the panel's satisfaction, or no longer needed. */
export async function resolveClarification(db: DbOrTx, actor: Actor, input: ResolveClarificationInput, now = new Date()): Promise<ActionResult<ThreadChange>> {
  const parsed = parseInput(resolveClarificationSchema, input);
  if (!parsed.ok) return parsed.result;
  return db.transaction(async (tx): Promise<ActionResult<ThreadChange>> => {
    const locked = await lockThread(tx, actor, parsed.data.clarificationId, "resolve_clarification");
    if (!locked.ok) return locked.result;
    const { row, thread } = locked;
    if (thread.status === "resolved") return fail("conflict", "This question is already resolved.");
    await tx.update(clarifications).set({ status: "resolved", resolvedBy: actor.userId, resolvedAt: now }).where(eq(clarifications.id, thread.id));
    await recordAudit(
      tx,
      auditActor(actor),
      "clarification.resolved",
      { type: "clarification", id: thread.id },
      { attestationId: row.id, controlId: thread.controlId, from: thread.status },
    );
    return ok({ id: thread.id, attestationId: row.id, status: "resolved" });
  });
}
