import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { memberships, organisations, passwordTokens, users } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, fieldError, ok, type ActionResult } from "@/lib/result";
import type { Role } from "@/lib/auth/roles";
import { revokeAllSessions } from "@/lib/auth/sessions";
import { roleMismatchMessage } from "@/lib/validations/admin";
import { newOneTimeToken, PASSWORD_LINK_TTL_HOURS } from "./tokens";

type NewUserValues = { name: string; email: string; organisationId: string; role: Role };
type UpdateUserValues = { userId: string; name: string; organisationId: string; role: Role };

/** Looks the organisation's kind up in the database: the kind sent by a form is never trusted. */
async function checkRoleFits(db: Db, organisationId: string, role: Role): Promise<ActionResult<null>> {
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, organisationId));
  if (!org) return fieldError("organisationId", "Choose an existing organisation.");
  const mismatch = roleMismatchMessage(role, org.kind);
  return mismatch ? fieldError("role", mismatch) : ok(null);
}

async function issuePasswordLink(tx: DbOrTx, userId: string, purpose: "invite" | "reset", createdBy: string | null) {
  const { token, tokenHash } = newOneTimeToken();
  // A new link replaces any unused one.
  await tx.delete(passwordTokens).where(and(eq(passwordTokens.userId, userId), sql`${passwordTokens.usedAt} is null`));
  await tx.insert(passwordTokens).values({
    userId,
    tokenHash,
    purpose,
    createdBy,
    expiresAt: new Date(Date.now() + PASSWORD_LINK_TTL_HOURS * 3600_000),
  });
  return token;
}

export async function createUser(db: Db, actor: AuditActor, input: NewUserValues): Promise<ActionResult<{ id: string; token: string }>> {
  const fits = await checkRoleFits(db, input.organisationId, input.role);
  if (!fits.ok) return fits;
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
  if (existing) return fieldError("email", "Someone with this email address already has an account.");
  const result = await db.transaction(async (tx) => {
    const [u] = await tx.insert(users).values({ name: input.name, email: input.email.toLowerCase() }).returning({ id: users.id });
    if (!u) throw new Error("insert returned no row");
    await tx.insert(memberships).values({ userId: u.id, organisationId: input.organisationId, role: input.role });
    const token = await issuePasswordLink(tx, u.id, "invite", actor.userId);
    await recordAudit(tx, actor, "user.invited", { type: "user", id: u.id }, { role: input.role, organisationId: input.organisationId });
    return { id: u.id, token };
  });
  return ok(result);
}

export async function updateUser(db: Db, actor: AuditActor, input: UpdateUserValues): Promise<ActionResult<{ id: string }>> {
  const [current] = await db
    .select({ name: users.name, role: memberships.role, organisationId: memberships.organisationId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.id, input.userId));
  if (!current) return fail("not_found", "This person no longer exists.");
  const fits = await checkRoleFits(db, input.organisationId, input.role);
  if (!fits.ok) return fits;
  if (input.userId === actor.userId && input.role !== "admin") {
    return fieldError("role", "You cannot remove your own administrator role. Ask another administrator.");
  }
  const accessChanged = current.role !== input.role || current.organisationId !== input.organisationId;
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        name: input.name,
        updatedAt: new Date(),
        // A new role or organisation ends the person's existing sessions.
        ...(accessChanged ? { sessionVersion: sql`${users.sessionVersion} + 1` } : {}),
      })
      .where(eq(users.id, input.userId));
    await tx
      .update(memberships)
      .set({ role: input.role, organisationId: input.organisationId, updatedAt: new Date() })
      .where(eq(memberships.userId, input.userId));
    // The session rows end with the version, so the sessions pages list only sessions that still work.
    if (accessChanged) await revokeAllSessions(tx, input.userId);
    await recordAudit(
      tx,
      actor,
      accessChanged ? "user.access_changed" : "user.updated",
      { type: "user", id: input.userId },
      {
        // People by id only: the name itself stays out of the log, which cannot forget it.
        nameChanged: current.name !== input.name,
        before: { role: current.role, organisationId: current.organisationId },
        after: { role: input.role, organisationId: input.organisationId },
      },
    );
  });
  return ok({ id: input.userId });
}

export async function setUserActive(db: Db, actor: AuditActor, userId: string, active: boolean): Promise<ActionResult<{ id: string }>> {
  if (userId === actor.userId && !active) return fail("conflict", "You cannot deactivate your own account.");
  const done = await db.transaction(async (tx) => {
    const rows = await tx
      .update(users)
      .set({ active, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (rows.length === 0) return false;
    await revokeAllSessions(tx, userId);
    await recordAudit(tx, actor, active ? "user.reactivated" : "user.deactivated", { type: "user", id: userId });
    return true;
  });
  return done ? ok({ id: userId }) : fail("not_found", "This person no longer exists.");
}

export async function createResetLink(db: Db, actor: AuditActor, userId: string): Promise<ActionResult<{ token: string }>> {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!u) return fail("not_found", "This person no longer exists.");
  const token = await db.transaction(async (tx) => {
    const t = await issuePasswordLink(tx, userId, "reset", actor.userId);
    await recordAudit(tx, actor, "user.password_link_created", { type: "user", id: userId });
    return t;
  });
  return ok({ token });
}
