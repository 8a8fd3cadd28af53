import "server-only";
import { and, desc, eq, gt, isNull, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { formatUtc } from "@/lib/format";
import { isUuid } from "@/lib/ids";
import { notify } from "@/lib/notifications/notify";
import { fail, ok, type ActionResult } from "@/lib/result";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { describeUserAgent } from "./user-agent";

/**
 * The sessions page and the administrators' "end all sessions": listing a
 * person's live sessions and ending them. Every function takes the person's
 * id from the session (or, for administrators, from the page they act on)
 * and puts it in the where-clause, so a session id of someone else behaves
 * exactly like one that does not exist. Each end is audited in its transaction.
 */
export type LiveSession = {
  id: string;
  device: string;
  clientAddress: string | null;
  method: "password" | "sso";
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

const liveOf = (userId: string, now: Date) => and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now));

/** A person's live sessions, the current one first, then the most recently seen. */
export async function listLiveSessions(db: DbOrTx, userId: string, currentSessionId: string | null, now: Date = new Date()): Promise<LiveSession[]> {
  const rows = await db
    .select({
      id: userSessions.id,
      userAgent: userSessions.userAgent,
      clientAddress: userSessions.clientAddress,
      method: userSessions.method,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
    })
    .from(userSessions)
    .where(liveOf(userId, now))
    .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.createdAt));
  const list = rows.map(({ userAgent, ...r }) => ({ ...r, device: describeUserAgent(userAgent), current: r.id === currentSessionId }));
  return [...list.filter((s) => s.current), ...list.filter((s) => !s.current)];
}

/** Ends one of the caller's own live sessions; false when it is not theirs, not live, or does not exist. */
export async function endOwnSession(db: DbOrTx, actor: AuditActor & { userId: string }, sessionId: string, now: Date = new Date()): Promise<boolean> {
  if (!isUuid(sessionId)) return false;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(userSessions)
      .set({ revokedAt: now })
      .where(and(eq(userSessions.id, sessionId), liveOf(actor.userId, now)))
      .returning({ id: userSessions.id });
    if (rows.length === 0) return false;
    await recordAudit(tx, actor, "auth.session_ended", { type: "session", id: sessionId }, { by: "self" });
    return true;
  });
}

/** Ends every live session of the caller except `keepSessionId` (the one they are using); returns how many. */
export async function endOtherSessions(db: DbOrTx, actor: AuditActor & { userId: string }, keepSessionId: string, now: Date = new Date()): Promise<number> {
  if (!isUuid(keepSessionId)) return 0;
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(userSessions)
      .set({ revokedAt: now })
      .where(and(liveOf(actor.userId, now), ne(userSessions.id, keepSessionId)))
      .returning({ id: userSessions.id });
    for (const { id } of rows) await recordAudit(tx, actor, "auth.session_ended", { type: "session", id }, { by: "self" });
    return rows.length;
  });
}

/**
 * An administrator ends every live session of a person: each end audited, and
 * the person told (in-app and by e-mail) in the same transaction. Nothing to
 * end notifies nobody.
 */
export async function endSessionsForPerson(db: DbOrTx, admin: AuditActor, userId: string, now: Date = new Date()): Promise<ActionResult<{ ended: number }>> {
  if (!isUuid(userId)) return fail("not_found", "This person no longer exists.");
  return db.transaction(async (tx) => {
    const [person] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!person) return fail("not_found", "This person no longer exists.");
    const rows = await tx.update(userSessions).set({ revokedAt: now }).where(liveOf(userId, now)).returning({ id: userSessions.id });
    if (rows.length > 0) {
      await notify(tx, [userId], {
        kind: "sessions_ended",
        title: "An administrator ended your sessions",
        body: `An administrator signed you out on every device and browser (${rows.length === 1 ? "1 session" : `${rows.length} sessions`}) on ${formatUtc(now)}. Sign in again to continue. If you did not expect this, ask your administrator why.`,
        link: "/account/sessions",
      });
    }
    // Audit rows last: the log counter stays locked until the transaction ends.
    for (const { id } of rows) await recordAudit(tx, admin, "auth.session_ended", { type: "session", id }, { by: "admin", user: userId });
    return ok({ ended: rows.length });
  });
}
