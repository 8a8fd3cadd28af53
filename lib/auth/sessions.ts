import "server-only";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organisations, userSessions, users } from "@/db/schema";
import { principalColumns, type Principal } from "@/lib/identity/queries";
import { recordAudit, type AuditActor } from "@/lib/server/audit";

/**
 * Server-side sessions: one `user_sessions` row per sign-in, named by the
 * session cookie (claim `sid`). A session is live while its row exists, is not
 * revoked and has not expired; signing out revokes the row, so a copied
 * cookie stops working at once. Everything that reads or writes these rows
 * lives here.
 */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;
/** lastSeenAt is a hint for people looking at their sessions, not a clock: refresh it at most this often. */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type NewSession = {
  userId: string;
  userAgent?: string | null;
  clientAddress?: string | null;
  /** How the first factor was given (default "password"); "sso" sessions name their provider. */
  method?: "password" | "sso";
  providerId?: string | null;
};

/**
 * Where a session stands: "ready" can use the portal; "factor" must give a second
 * factor first; "enrol" must enrol one first (the role requires it and the person has none).
 */
export type SessionStage = "ready" | "factor" | "enrol";

/**
 * Whether a new session must give a second factor before it can do anything: the role's
 * policy requires one, or the person has enrolled one (a factor, once enrolled, is always asked).
 */
export async function sessionNeedsFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({
      // Written out: drizzle leaves columns unqualified inside these subqueries. No policy row counts as required.
      required: sql<boolean>`coalesce((select p.required from mfa_policy p where p.role = memberships.role), true)`,
      enrolled: sql<boolean>`exists (select 1 from auth_factors f where f.user_id = memberships.user_id and f.confirmed_at is not null)`,
    })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .limit(1);
  return row ? Boolean(row.required) || Boolean(row.enrolled) : true;
}

/** The stage of a session row, from whether it needs a factor, whether it gave one, and whether the person has one. */
export function sessionStage(needsFactor: boolean, factorAt: Date | null, enrolled: boolean): SessionStage {
  if (!needsFactor || factorAt) return "ready";
  return enrolled ? "factor" : "enrol";
}

/** Enough of a user agent for a person to recognise their own device later. */
export function shortUserAgent(userAgent: string | null | undefined): string | null {
  const ua = userAgent?.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return ua ? ua.slice(0, 160) : null;
}

export async function createSession(db: DbOrTx, input: NewSession, now: Date = new Date()): Promise<{ id: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await db
    .insert(userSessions)
    .values({
      userId: input.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      userAgent: shortUserAgent(input.userAgent),
      clientAddress: input.clientAddress?.slice(0, 64) ?? null,
      method: input.method ?? "password",
      providerId: input.providerId ?? null,
      needsFactor: await sessionNeedsFactor(db, input.userId),
    })
    .returning({ id: userSessions.id, expiresAt: userSessions.expiresAt });
  if (!row) throw new Error("session row not created");
  return row;
}

const live = (now: Date) => and(isNull(userSessions.revokedAt), gt(userSessions.expiresAt, now));

export async function getLiveSession(db: DbOrTx, sessionId: string, now: Date = new Date()) {
  if (!UUID.test(sessionId)) return null;
  const [row] = await db
    .select({ id: userSessions.id, userId: userSessions.userId, expiresAt: userSessions.expiresAt, lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(and(eq(userSessions.id, sessionId), live(now)));
  return row ?? null;
}

/**
 * The person behind a live session, in one query: the session row (live, and
 * belonging to `userId`) joined to the person, their membership and organisation.
 * Touches lastSeenAt only when it is older than LAST_SEEN_RESOLUTION_SECONDS.
 */
export type SessionPrincipal = Principal & { stage: SessionStage; factorAt: Date | null; enrolled: boolean; method: "password" | "sso" };

export async function getSessionPrincipal(db: DbOrTx, userId: string, sessionId: string, now: Date = new Date()): Promise<SessionPrincipal | null> {
  if (!UUID.test(sessionId) || !UUID.test(userId)) return null;
  const [row] = await db
    .select({
      ...principalColumns,
      lastSeenAt: userSessions.lastSeenAt,
      needsFactor: userSessions.needsFactor,
      factorAt: userSessions.factorAt,
      method: userSessions.method,
      enrolled: sql<boolean>`exists (select 1 from auth_factors f where f.user_id = users.id and f.confirmed_at is not null)`,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), live(now)))
    .limit(1);
  if (!row) return null;
  const { lastSeenAt, needsFactor, ...rest } = row;
  const principal = { ...rest, enrolled: Boolean(rest.enrolled), stage: sessionStage(needsFactor, rest.factorAt, Boolean(rest.enrolled)) };
  if (now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_SECONDS * 1000) {
    const staleBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_SECONDS * 1000);
    // The condition keeps concurrent requests from all writing.
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.id, sessionId), lt(userSessions.lastSeenAt, staleBefore)));
  }
  return principal;
}

/** Revokes one of this person's sessions; false when it was not live. */
export async function revokeSession(db: DbOrTx, userId: string, sessionId: string, now: Date = new Date()): Promise<boolean> {
  if (!UUID.test(sessionId)) return false;
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.id, sessionId), eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length > 0;
}

/** Revokes every live session of this person; returns how many. */
export async function revokeAllSessions(db: DbOrTx, userId: string, now: Date = new Date()): Promise<number> {
  const rows = await db
    .update(userSessions)
    .set({ revokedAt: now })
    .where(and(eq(userSessions.userId, userId), isNull(userSessions.revokedAt)))
    .returning({ id: userSessions.id });
  return rows.length;
}

/** Signing out: the session is revoked and the sign-out audited in one transaction. */
export async function endSession(db: DbOrTx, actor: AuditActor & { userId: string }, sessionId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const revoked = await revokeSession(tx, actor.userId, sessionId);
    if (revoked) await recordAudit(tx, actor, "auth.signed_out", { type: "session", id: sessionId });
    return revoked;
  });
}

/** Count of live sessions, for tests and the later "your sessions" page. */
export async function countLiveSessions(db: DbOrTx, userId: string, now: Date = new Date()): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(userSessions)
    .where(and(eq(userSessions.userId, userId), live(now)));
  return row?.n ?? 0;
}
