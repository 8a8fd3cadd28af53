import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  attestations,
  auditEvents,
  catalogControls,
  evidenceItems,
  notifications,
  panelMembers,
  remediationItems,
  reviewDecisions,
  reviewPanels,
} from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/attestations/completeness";
import { isUuid } from "@/lib/ids";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { closeRemediationSchema, reviewRemediationSchema } from "@/lib/validations/review";
import { vendorOfficers } from "./clarification-support";
import { lockFor } from "./state";

const columns = {
  id: remediationItems.id,
  attestationId: reviewDecisions.attestationId,
  controlId: remediationItems.controlId,
  controlKey: catalogControls.controlId,
  controlTitle: catalogControls.title,
  action: remediationItems.action,
  dueDate: remediationItems.dueDate,
  status: remediationItems.status,
  vendorNote: remediationItems.vendorNote,
  evidenceItemId: remediationItems.evidenceItemId,
  evidenceVersion: remediationItems.evidenceVersion,
  evidenceTitle: evidenceItems.title,
  closedAt: remediationItems.closedAt,
  reviewedAt: remediationItems.reviewedAt,
  reviewNote: remediationItems.reviewNote,
};

/** The remediation items of one attestation, for its own vendor (organisation in the where-clause). */
export async function listRemediationForVendor(db: DbOrTx, organisationId: string, attestationId: string) {
  if (!isUuid(attestationId)) return [];
  return db
    .select(columns)
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .innerJoin(catalogControls, eq(catalogControls.id, remediationItems.controlId))
    .leftJoin(evidenceItems, eq(evidenceItems.id, remediationItems.evidenceItemId))
    .where(and(eq(reviewDecisions.attestationId, attestationId), eq(remediationItems.organisationId, organisationId)))
    .orderBy(asc(remediationItems.dueDate));
}

/** The same items for a seated panel member; the caller has already opened the attestation through openForPanel. */
export async function listRemediationForPanel(db: DbOrTx, attestationId: string, organisationId: string) {
  return listRemediationForVendor(db, organisationId, attestationId);
}

async function lockItem(tx: DbOrTx, itemId: string) {
  if (!isUuid(itemId)) return null;
  const [row] = await tx
    .select({
      id: remediationItems.id,
      status: remediationItems.status,
      organisationId: remediationItems.organisationId,
      attestationId: reviewDecisions.attestationId,
      lineageId: attestations.lineageId,
    })
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .innerJoin(attestations, eq(attestations.id, reviewDecisions.attestationId))
    .where(eq(remediationItems.id, itemId))
    .for("update", { of: remediationItems });
  return row ?? null;
}

/** The vendor's officer closes an item: what was done, optionally with evidence from their own vault. The lead then accepts or reopens it. */
export async function closeRemediation(
  db: Db,
  actor: Actor,
  input: z.output<typeof closeRemediationSchema>,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const item = await lockItem(tx, input.itemId);
    if (!item || item.organisationId !== actor.organisationId) return fail("not_found", "There is no such remediation item.");
    const gate = await lockFor(tx, actor, item.attestationId, "close_remediation");
    if (!gate.ok) return gate.result;
    if (item.status !== "open")
      return fail(
        "conflict",
        item.status === "accepted" ? "This item has been accepted and is finished." : "This item is already closed and waits for the panel's lead.",
      );
    let evidence: { id: string; version: number } | null = null;
    if (input.evidenceId) {
      const [e] = await tx
        .select({ id: evidenceItems.id, version: evidenceItems.currentVersion })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.id, input.evidenceId), eq(evidenceItems.organisationId, actor.organisationId), eq(evidenceItems.status, "active")));
      if (!e) return fieldError("evidenceId", "Choose an item from your own evidence vault that is not retired.");
      evidence = e;
    }
    await tx
      .update(remediationItems)
      .set({
        status: "closed",
        vendorNote: input.note,
        evidenceItemId: evidence?.id ?? null,
        evidenceVersion: evidence?.version ?? null,
        closedBy: actor.userId,
        closedAt: now,
      })
      .where(eq(remediationItems.id, item.id));
    await recordAudit(
      tx,
      auditActor(actor),
      "remediation.closed",
      { type: "remediation_item", id: item.id },
      { attestationId: item.attestationId, evidenceId: evidence?.id ?? null },
    );
    const leads = await tx
      .select({ userId: panelMembers.userId })
      .from(panelMembers)
      .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
      .where(and(eq(reviewPanels.lineageId, item.lineageId), eq(panelMembers.isLead, true), ne(panelMembers.conflict, "declared")));
    await notify(
      tx,
      leads.map((l) => l.userId),
      {
        kind: "remediation_closed",
        title: `${actor.organisationName} closed a remediation item`,
        body: input.note,
        link: `/review/${item.attestationId}/reconcile#remediation`,
      },
    );
    return ok(undefined);
  });
}

/** The panel's lead accepts a closed item, or reopens it with a note saying what is still missing. */
export async function reviewRemediation(
  db: Db,
  actor: Actor,
  input: z.output<typeof reviewRemediationSchema>,
  now = new Date(),
): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const item = await lockItem(tx, input.itemId);
    if (!item) return fail("not_found", "There is no such remediation item.");
    const gate = await lockFor(tx, actor, item.attestationId, "review_remediation");
    if (!gate.ok) return gate.result;
    if (item.status !== "closed")
      return fail("conflict", item.status === "open" ? "The vendor has not closed this item yet." : "This item has already been accepted.");
    if (!input.accept && input.note.trim().length < 10)
      return fieldError("note", "Say what is still missing, in at least 10 characters, so the vendor can act on it.");
    await tx
      .update(remediationItems)
      .set({ status: input.accept ? "accepted" : "open", reviewedBy: actor.userId, reviewedAt: now, reviewNote: input.note })
      .where(eq(remediationItems.id, item.id));
    await recordAudit(
      tx,
      auditActor(actor),
      input.accept ? "remediation.accepted" : "remediation.reopened",
      { type: "remediation_item", id: item.id },
      { attestationId: item.attestationId, note: input.note },
    );
    await notify(tx, await vendorOfficers(tx, item.organisationId), {
      kind: "remediation_reviewed",
      title: input.accept ? "A remediation item was accepted" : "A remediation item was reopened",
      body: input.note || (input.accept ? "The panel's lead accepted what you sent." : ""),
      link: `/vendor/attestations/${item.attestationId}#remediation`,
    });
    return ok(undefined);
  });
}

/**
 * Reminders for open remediation items: once when an item is due within 7
 * days, once when it is overdue. Each reminder is a notification keyed by
 * its link, so running this again (by any instance) sends nothing twice.
 */
export async function queueRemediationReminders(db: Db, now = new Date()): Promise<number> {
  const today = todayIso(now);
  const soon = todayIso(new Date(now.getTime() + 7 * 86_400_000));
  const due = await db
    .select({
      id: remediationItems.id,
      organisationId: remediationItems.organisationId,
      dueDate: remediationItems.dueDate,
      action: remediationItems.action,
      attestationId: reviewDecisions.attestationId,
    })
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .where(and(eq(remediationItems.status, "open"), lte(remediationItems.dueDate, soon)));
  let sent = 0;
  for (const item of due) {
    const kind = item.dueDate < today ? "remediation_overdue" : "remediation_due_soon";
    const link = `/vendor/attestations/${item.attestationId}#remediation-${item.id}`;
    sent += await db.transaction(async (tx) => {
      // Serialise per item so two instances cannot both decide to remind.
      await tx.select({ id: remediationItems.id }).from(remediationItems).where(eq(remediationItems.id, item.id)).for("update");
      const officers = await vendorOfficers(tx, item.organisationId);
      if (!officers.length) return 0;
      const [already] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.kind, kind), eq(notifications.link, link), inArray(notifications.userId, officers)))
        .limit(1);
      if (already) return 0;
      await notify(tx, officers, {
        kind,
        title: kind === "remediation_overdue" ? `A remediation item is overdue (due ${item.dueDate})` : `A remediation item is due on ${item.dueDate}`,
        body: item.action,
        link,
      });
      return 1;
    });
  }
  return sent;
}

/** What the vendor sees of the review: the lead's request for changes, and the decision once co-signed. Never scores or who scored what. */
export async function reviewForVendor(db: DbOrTx, organisationId: string, attestationId: string) {
  if (!isUuid(attestationId)) return null;
  const [request] = await db
    .select({ at: auditEvents.at, message: sql<string | null>`${auditEvents.details}->>'message'` })
    .from(auditEvents)
    .innerJoin(attestations, and(eq(sql`${attestations.id}::text`, auditEvents.targetId), eq(attestations.organisationId, organisationId)))
    .where(and(eq(auditEvents.targetType, "attestation"), eq(auditEvents.targetId, attestationId), eq(auditEvents.action, "attestation.request_changes")))
    .orderBy(desc(auditEvents.at))
    .limit(1);
  const [decision] = await db
    .select({
      result: reviewDecisions.result,
      overall: reviewDecisions.overall,
      summary: reviewDecisions.summary,
      signedAt: reviewDecisions.signedAt,
      cosignedAt: reviewDecisions.cosignedAt,
    })
    .from(reviewDecisions)
    .where(and(eq(reviewDecisions.attestationId, attestationId), eq(reviewDecisions.organisationId, organisationId), isNotNull(reviewDecisions.cosignedAt)));
  const items = decision ? await listRemediationForVendor(db, organisationId, attestationId) : [];
  return { changesRequested: request ? { at: request.at, message: request.message ?? "" } : null, decision: decision ?? null, items };
}
