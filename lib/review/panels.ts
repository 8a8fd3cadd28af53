import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import {
  attestations,
  attestationSubmissions,
  frameworkVersions,
  memberships,
  organisations,
  panelMembers,
  products,
  reviewPanels,
  scorecards,
  scores,
  users,
} from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { todayIso } from "@/lib/attestations/completeness";
import { notify } from "@/lib/notifications/notify";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { assignPanelSchema, declareConflictSchema } from "@/lib/validations/review";
import { submittedSnapshot } from "./snapshot";
import { lockFor, moveTo } from "./state";
import type { State } from "./transitions";

const REVIEWER_ROLES = ["platform_reviewer", "gov_auditor"] as const;

/** People who can sit on a panel: active platform reviewers and government auditors. */
export async function listPanelCandidates(db: DbOrTx) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, role: memberships.role, organisationName: organisations.name })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(users.active, true), inArray(memberships.role, [...REVIEWER_ROLES])))
    .orderBy(asc(memberships.role), asc(users.name));
}

const headerColumns = {
  id: attestations.id,
  lineageId: attestations.lineageId,
  revision: attestations.revision,
  status: attestations.status,
  organisationId: attestations.organisationId,
  organisationName: organisations.name,
  productName: products.name,
  frameworkTitle: frameworkVersions.title,
  frameworkVersion: frameworkVersions.version,
  periodStart: attestations.periodStart,
  periodEnd: attestations.periodEnd,
  signedAt: attestationSubmissions.signedAt,
};

/**
 * For administrators: submitted revisions and the panels working on them, one
 * row per lineage (its latest submitted revision), newest signature first, one
 * page of one section at a time: those waiting for a panel, or the others.
 * Only header facts (who, which product, which framework, state): never
 * answers or evidence.
 */
export async function listForAdministrator(db: DbOrTx, section: { waiting: boolean; limit: number; offset: number }) {
  const latest = db
    .selectDistinctOn([attestations.lineageId], { id: attestations.id, status: attestations.status, signedAt: attestationSubmissions.signedAt })
    .from(attestations)
    .innerJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
    .where(ne(attestations.status, "draft"))
    .orderBy(attestations.lineageId, desc(attestations.revision))
    .as("latest");
  const inSection = section.waiting ? eq(latest.status, "submitted") : ne(latest.status, "submitted");
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(latest)
    .where(inSection);
  const ids = (
    await db.select({ id: latest.id }).from(latest).where(inSection).orderBy(desc(latest.signedAt), desc(latest.id)).limit(section.limit).offset(section.offset)
  ).map((r) => r.id);
  const rows = ids.length
    ? await db
        .select({ ...headerColumns, panelId: reviewPanels.id, dueDate: reviewPanels.dueDate })
        .from(attestations)
        .innerJoin(organisations, eq(organisations.id, attestations.organisationId))
        .innerJoin(products, eq(products.id, attestations.productId))
        .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
        .innerJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
        .leftJoin(reviewPanels, eq(reviewPanels.lineageId, attestations.lineageId))
        .where(inArray(attestations.id, ids))
        .orderBy(desc(attestationSubmissions.signedAt), desc(attestations.id))
    : [];
  return { rows, total: count?.n ?? 0 };
}

export async function getAdministratorView(db: DbOrTx, attestationId: string) {
  const [header] = await db
    .select({ ...headerColumns, panelId: reviewPanels.id, dueDate: reviewPanels.dueDate })
    .from(attestations)
    .innerJoin(organisations, eq(organisations.id, attestations.organisationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .innerJoin(attestationSubmissions, eq(attestationSubmissions.attestationId, attestations.id))
    .leftJoin(reviewPanels, eq(reviewPanels.lineageId, attestations.lineageId))
    .where(and(eq(attestations.id, attestationId), ne(attestations.status, "draft")));
  if (!header) return null;
  const members = header.panelId ? await listMembers(db, header.panelId) : [];
  return { header, members };
}

export async function listMembers(db: DbOrTx, panelId: string) {
  return db
    .select({
      userId: panelMembers.userId,
      name: users.name,
      role: panelMembers.role,
      isLead: panelMembers.isLead,
      conflict: panelMembers.conflict,
      conflictNote: panelMembers.conflictNote,
      declaredAt: panelMembers.declaredAt,
      removedAt: panelMembers.removedAt,
    })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(eq(panelMembers.panelId, panelId))
    .orderBy(desc(panelMembers.isLead), asc(users.name));
}

async function activeAdmins(tx: DbOrTx): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.role, "admin"), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** Checks the people chosen for a panel; returns their roles or a field error. */
async function checkMembers(tx: DbOrTx, memberIds: string[]): Promise<{ ok: true; roles: Map<string, string> } | { ok: false; result: ActionResult<never> }> {
  const people = await tx
    .select({ id: users.id, active: users.active, role: memberships.role })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(inArray(users.id, memberIds));
  const roles = new Map(people.filter((p) => p.active && (REVIEWER_ROLES as readonly string[]).includes(p.role)).map((p) => [p.id, p.role as string]));
  if (roles.size !== memberIds.length) return { ok: false, result: fieldError("memberIds", "Choose active platform reviewers and government auditors only.") };
  return { ok: true, roles };
}

/**
 * An administrator puts a panel on a submitted attestation: at least one
 * platform reviewer and one government auditor, one of them the lead, and a
 * due date. The attestation moves to "in review"; each member is told, and
 * must declare conflicts before seeing anything.
 */
export async function assignPanel(
  db: Db,
  actor: Actor,
  input: z.output<typeof assignPanelSchema>,
  now = new Date(),
): Promise<ActionResult<{ panelId: string }>> {
  if (input.dueDate < todayIso(now)) return fieldError("dueDate", "The due date cannot be in the past.");
  return db.transaction(async (tx): Promise<ActionResult<{ panelId: string }>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "assign_panel");
    if (!gate.ok) return gate.result;
    const checked = await checkMembers(tx, input.memberIds);
    if (!checked.ok) return checked.result;
    const roles = [...checked.roles.values()];
    if (!roles.includes("platform_reviewer") || !roles.includes("gov_auditor"))
      return fieldError("memberIds", "A panel needs at least one platform reviewer and one government auditor.");
    const [existing] = await tx.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.lineageId, gate.row.lineageId));
    if (existing) return fail("conflict", "This attestation already has a panel.");
    const [panel] = await tx
      .insert(reviewPanels)
      .values({ lineageId: gate.row.lineageId, organisationId: gate.row.organisationId, dueDate: input.dueDate, assignedBy: actor.userId, createdAt: now })
      .returning({ id: reviewPanels.id });
    await tx.insert(panelMembers).values(
      input.memberIds.map((userId) => ({
        panelId: panel!.id,
        userId,
        role: checked.roles.get(userId)!,
        isLead: userId === input.leadUserId,
        createdAt: now,
      })),
    );
    await moveTo(
      tx,
      actor,
      gate.row,
      "assign_panel",
      "in_review",
      { panelId: panel!.id, members: input.memberIds, lead: input.leadUserId, dueDate: input.dueDate },
      now,
    );
    await notify(tx, input.memberIds, {
      kind: "panel_assigned",
      title: "You have been placed on a review panel",
      body: `Declare any conflict of interest before you start. The review is due on ${input.dueDate}.`,
      link: `/review/${gate.row.id}`,
    });
    return ok({ panelId: panel!.id });
  });
}

/**
 * Changes a panel while it works: adds people and/or moves the lead role, e.g.
 * after a member declared a conflict. Removed members stay removed.
 */
export async function updatePanel(
  db: Db,
  actor: Actor,
  input: { attestationId: string; addMemberIds: string[]; leadUserId: string | null },
  now = new Date(),
): Promise<ActionResult<undefined>> {
  return db.transaction(async (tx): Promise<ActionResult<undefined>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "manage_panel");
    if (!gate.ok) return gate.result;
    const [panel] = await tx
      .select({ id: reviewPanels.id, dueDate: reviewPanels.dueDate })
      .from(reviewPanels)
      .where(eq(reviewPanels.lineageId, gate.row.lineageId));
    if (!panel) return fail("conflict", "This attestation has no panel yet.");
    const current = await listMembers(tx, panel.id);
    const fresh = input.addMemberIds.filter((id) => !current.some((m) => m.userId === id));
    if (fresh.length) {
      const checked = await checkMembers(tx, fresh);
      if (!checked.ok) return checked.result;
      await tx.insert(panelMembers).values(fresh.map((userId) => ({ panelId: panel.id, userId, role: checked.roles.get(userId)!, createdAt: now })));
      await notify(tx, fresh, {
        kind: "panel_assigned",
        title: "You have been placed on a review panel",
        body: `Declare any conflict of interest before you start. The review is due on ${panel.dueDate}.`,
        link: `/review/${gate.row.id}`,
      });
    }
    if (input.leadUserId) {
      const seat = [...current, ...fresh.map((userId) => ({ userId, removedAt: null, conflict: "pending" }))].find((m) => m.userId === input.leadUserId);
      if (!seat || seat.removedAt || seat.conflict === "declared") return fieldError("leadUserId", "The lead must be a current member of the panel.");
      await tx.update(panelMembers).set({ isLead: false }).where(eq(panelMembers.panelId, panel.id));
      await tx
        .update(panelMembers)
        .set({ isLead: true })
        .where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.userId, input.leadUserId)));
    }
    const after = await listMembers(tx, panel.id);
    const seated = after.filter((m) => !m.removedAt);
    if (!seated.some((m) => m.role === "platform_reviewer") || !seated.some((m) => m.role === "gov_auditor"))
      return fail("invalid", "A panel needs at least one platform reviewer and one government auditor.");
    await recordAudit(tx, auditActor(actor), "review.panel_changed", { type: "attestation", id: gate.row.id }, { added: fresh, lead: input.leadUserId });
    return ok(undefined);
  });
}

/**
 * A panel member's declaration, made before they see anything. No conflict:
 * they get a scorecard for the current revision. A conflict: they leave the
 * panel and the administrators are told, so they can appoint someone else.
 */
export async function declareConflict(
  db: Db,
  actor: Actor,
  input: z.output<typeof declareConflictSchema>,
  now = new Date(),
): Promise<ActionResult<{ seated: boolean }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ seated: boolean }>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "declare_conflict");
    if (!gate.ok) return gate.result;
    const [panel] = await tx.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.lineageId, gate.row.lineageId));
    if (!panel) return fail("not_found", "This attestation does not exist.");
    if (input.hasConflict) {
      await tx
        .update(panelMembers)
        .set({ conflict: "declared", conflictNote: input.note, declaredAt: now, removedAt: now, isLead: false })
        .where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.userId, actor.userId)));
      await recordAudit(tx, auditActor(actor), "review.conflict_declared", { type: "attestation", id: gate.row.id }, { note: input.note });
      await notify(tx, await activeAdmins(tx), {
        kind: "conflict_declared",
        title: `${actor.name} declared a conflict of interest`,
        body: `They have left the panel. Their note: ${input.note}`,
        link: `/admin/reviews/${gate.row.id}`,
      });
      return ok({ seated: false });
    }
    await tx
      .update(panelMembers)
      .set({ conflict: "none", conflictNote: input.note, declaredAt: now })
      .where(and(eq(panelMembers.panelId, panel.id), eq(panelMembers.userId, actor.userId)));
    await ensureScorecard(tx, panel.id, gate.row.id, actor.userId, now);
    await recordAudit(tx, auditActor(actor), "review.no_conflict_declared", { type: "attestation", id: gate.row.id }, { note: input.note });
    return ok({ seated: true });
  });
}

/** A scorecard with one unscored row per control of the submitted snapshot. */
export async function ensureScorecard(tx: DbOrTx, panelId: string, attestationId: string, userId: string, now: Date): Promise<string> {
  const [existing] = await tx
    .select({ id: scorecards.id })
    .from(scorecards)
    .where(and(eq(scorecards.attestationId, attestationId), eq(scorecards.userId, userId)));
  if (existing) return existing.id;
  const snapshot = await submittedSnapshot(tx, attestationId);
  const [card] = await tx.insert(scorecards).values({ panelId, attestationId, userId, createdAt: now }).returning({ id: scorecards.id });
  const controls = snapshot?.controls ?? [];
  if (controls.length) await tx.insert(scores).values(controls.map((c) => ({ scorecardId: card!.id, controlId: c.id, updatedAt: now })));
  return card!.id;
}

export type QueueItem = {
  attestationId: string;
  revision: number;
  status: State;
  organisationName: string;
  productName: string;
  frameworkTitle: string;
  dueDate: string;
  overdue: boolean;
  isLead: boolean;
  conflict: string;
  scorecardSubmitted: boolean;
  scored: number;
  total: number;
};

/** Rows per page of a reviewer's queue (/review): a long-serving reviewer sits on hundreds of panels. */
export const QUEUE_PAGE = 50;

/**
 * The two halves of a reviewer's queue: reviews still under way (in review,
 * changes requested, reconciliation, decided and not yet published) and
 * reviews that are over (the latest submitted revision published or
 * withdrawn).
 */
export type QueueView = "open" | "closed";

/**
 * One page of a reviewer's assignments (each lineage they sit on and were not
 * removed from, at its latest submitted revision): open ones soonest due first,
 * overdue ones marked; closed ones latest due first. A page past the end shows
 * the last one.
 *
 * The page is read from `panel_members_queue_idx` (user, closed, due date,
 * panel), whose two ordering columns the database keeps (migration 0015), so
 * its cost does not grow with the reviewer's history: the rows of the page,
 * then their attestations, then their scoring progress, then the count.
 */
export async function listQueuePage(
  db: DbOrTx,
  actor: Pick<Actor, "userId">,
  view: QueueView,
  page: number,
  now = new Date(),
): Promise<{ items: QueueItem[]; total: number; page: number; pageCount: number }> {
  const mine = and(eq(panelMembers.userId, actor.userId), isNull(panelMembers.removedAt), eq(panelMembers.queueClosed, view === "closed"));
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(panelMembers)
    .where(mine);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / QUEUE_PAGE));
  const shown = Math.min(Math.max(1, page), pageCount);
  if (total === 0) return { items: [], total, page: shown, pageCount };
  const order = view === "open" ? [asc(panelMembers.queueDueDate), asc(panelMembers.panelId)] : [desc(panelMembers.queueDueDate), desc(panelMembers.panelId)];
  const seats = db.$with("seats").as(
    db
      .select({
        panelId: panelMembers.panelId,
        lineageId: sql<string>`${reviewPanels.lineageId}`.as("seat_lineage_id"),
        dueDate: sql<string>`${reviewPanels.dueDate}`.as("seat_due_date"),
        isLead: panelMembers.isLead,
        conflict: panelMembers.conflict,
      })
      .from(panelMembers)
      .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
      .where(mine)
      .orderBy(...order)
      .limit(QUEUE_PAGE)
      .offset((shown - 1) * QUEUE_PAGE),
  );
  // The latest submitted revision of each lineage on the page (DISTINCT ON over attestations_revision_key).
  const rows = await db
    .with(seats)
    .selectDistinctOn([seats.lineageId], {
      panelId: seats.panelId,
      lineageId: seats.lineageId,
      dueDate: seats.dueDate,
      isLead: seats.isLead,
      conflict: seats.conflict,
      attestationId: attestations.id,
      revision: attestations.revision,
      status: attestations.status,
      organisationName: organisations.name,
      productName: products.name,
      frameworkTitle: frameworkVersions.title,
      submittedAt: scorecards.submittedAt,
      scorecardId: scorecards.id,
    })
    .from(seats)
    .innerJoin(attestations, and(eq(attestations.lineageId, seats.lineageId), ne(attestations.status, "draft")))
    .innerJoin(organisations, eq(organisations.id, attestations.organisationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(frameworkVersions, eq(frameworkVersions.id, attestations.frameworkVersionId))
    .leftJoin(scorecards, and(eq(scorecards.attestationId, attestations.id), eq(scorecards.userId, actor.userId)))
    .orderBy(seats.lineageId, desc(attestations.revision));
  const today = todayIso(now);
  const sign = view === "open" ? 1 : -1;
  const ordered: QueueRow[] = rows
    .sort((a, b) => sign * (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.panelId < b.panelId ? -1 : a.panelId > b.panelId ? 1 : 0))
    .map((r) => ({
      attestationId: r.attestationId,
      revision: r.revision,
      status: r.status,
      organisationName: r.organisationName,
      productName: r.productName,
      frameworkTitle: r.frameworkTitle,
      dueDate: r.dueDate,
      overdue: r.dueDate < today && (r.status === "in_review" || r.status === "reconciliation"),
      isLead: r.isLead,
      conflict: r.conflict,
      scorecardSubmitted: Boolean(r.submittedAt),
      scorecardId: r.scorecardId,
    }));
  return { items: await withCounts(db, ordered), total, page: shown, pageCount };
}

type QueueRow = Omit<QueueItem, "scored" | "total"> & { scorecardId: string | null };

/** The scoring progress of each row's scorecard, in one statement. */
async function withCounts(db: DbOrTx, rows: QueueRow[]): Promise<QueueItem[]> {
  const cardIds = rows.map((r) => r.scorecardId).filter((x): x is string => Boolean(x));
  const counts = cardIds.length
    ? await db
        .select({ scorecardId: scores.scorecardId, total: sql<number>`count(*)::int`, scored: sql<number>`count(${scores.score})::int` })
        .from(scores)
        .where(inArray(scores.scorecardId, cardIds))
        .groupBy(scores.scorecardId)
    : [];
  const byCard = new Map(counts.map((c) => [c.scorecardId, c]));
  return rows.map(({ scorecardId, ...r }) => ({
    ...r,
    scored: scorecardId ? (byCard.get(scorecardId)?.scored ?? 0) : 0,
    total: scorecardId ? (byCard.get(scorecardId)?.total ?? 0) : 0,
  }));
}

/**
 * What a panel member who has not yet declared may see: whose submission it
 * is (to judge a conflict), nothing of its content.
 */
export async function invitedHeader(db: DbOrTx, actor: Pick<Actor, "userId">, attestationId: string) {
  const [row] = await db
    .select({
      id: attestations.id,
      organisationName: organisations.name,
      productName: products.name,
      dueDate: reviewPanels.dueDate,
      isLead: panelMembers.isLead,
      status: attestations.status,
    })
    .from(attestations)
    .innerJoin(organisations, eq(organisations.id, attestations.organisationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .innerJoin(reviewPanels, eq(reviewPanels.lineageId, attestations.lineageId))
    .innerJoin(
      panelMembers,
      and(
        eq(panelMembers.panelId, reviewPanels.id),
        eq(panelMembers.userId, actor.userId),
        eq(panelMembers.conflict, "pending"),
        isNull(panelMembers.removedAt),
      ),
    )
    .where(and(eq(attestations.id, attestationId), ne(attestations.status, "draft")));
  return row ?? null;
}
