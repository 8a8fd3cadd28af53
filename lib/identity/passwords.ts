import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { passwordTokens, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { recordAudit } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import { hashToken } from "./tokens";

export async function findValidPasswordToken(db: Db, token: string) {
  const [row] = await db
    .select({ id: passwordTokens.id, userId: passwordTokens.userId, purpose: passwordTokens.purpose, email: users.email, name: users.name })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, new Date()), eq(users.active, true)),
    );
  return row ?? null;
}

/** Sets a password from a one-time link; the link is spent and older sessions end. */
export async function setPasswordWithToken(db: Db, token: string, password: string): Promise<ActionResult<{ email: string }>> {
  // A link that cannot be used costs no password hash (the spend below checks again, atomically).
  if (!(await findValidPasswordToken(db, token))) return fail("not_found", "This link has expired or was already used. Ask an administrator for a new one.");
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(passwordTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordTokens.tokenHash, hashToken(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, new Date())))
      .returning({ userId: passwordTokens.userId });
    if (!spent) return fail("not_found", "This link has expired or was already used. Ask an administrator for a new one.");
    const [u] = await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(and(eq(users.id, spent.userId), eq(users.active, true)))
      .returning({ email: users.email });
    if (!u) return fail("not_found", "This account is not active. Ask an administrator.");
    // The session rows end too, so no sessions page lists a session the new version refuses.
    await revokeAllSessions(tx, spent.userId);
    await recordAudit(tx, { userId: spent.userId, organisationId: null }, "user.password_set", { type: "user", id: spent.userId });
    return ok({ email: u.email });
  });
}

export async function changeOwnPassword(db: Db, userId: string, current: string, next: string): Promise<ActionResult<null>> {
  const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!u || !(await verifyPassword(u.hash, current))) return fieldError("current", "Your current password is not correct.");
  const hash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash: hash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, { userId, organisationId: null }, "user.password_changed", { type: "user", id: userId });
  });
  return ok(null);
}

/** Ends every session of this person, on every device, from the next request on. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(eq(users.id, userId));
    const sessions = await revokeAllSessions(tx, userId);
    await recordAudit(tx, { userId, organisationId: null }, "user.signed_out_everywhere", { type: "user", id: userId }, { sessions });
  });
}
