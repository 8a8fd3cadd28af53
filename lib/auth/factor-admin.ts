import "server-only";
import type { DbOrTx } from "@/db/client";
import { mfaPolicy } from "@/db/schema";
import { getPrincipalById } from "@/lib/identity/queries";
import { notify } from "@/lib/notifications/notify";
import { fail, ok, type ActionResult } from "@/lib/result";
import { recordAudit } from "@/lib/server/audit";
import type { Actor } from "./actor";
import { resetAllFactors } from "./factors";
import { ROLES, type Role } from "./roles";
import { revokeAllSessions } from "./sessions";

export async function getMfaPolicy(db: DbOrTx): Promise<Record<Role, boolean>> {
  const rows = await db.select({ role: mfaPolicy.role, required: mfaPolicy.required }).from(mfaPolicy);
  const found = new Map(rows.map((r) => [r.role, r.required]));
  // A role without a row counts as required (sessionNeedsFactor does the same).
  return Object.fromEntries(ROLES.map((r) => [r, found.get(r) ?? true])) as Record<Role, boolean>;
}

/**
 * Sets which roles must use a second factor. It applies from each person's next sign-in:
 * sessions already open keep going, and people who must enrol are led to it then.
 */
export async function setMfaPolicy(db: DbOrTx, actor: Actor, required: readonly Role[]): Promise<ActionResult<{ changed: Role[] }>> {
  if (actor.role !== "admin") return fail("forbidden", "Only administrators set the sign-in policy.");
  const want = new Set(required);
  return db.transaction(async (tx) => {
    const before = await getMfaPolicy(tx);
    const changed = ROLES.filter((r) => before[r] !== want.has(r));
    if (!changed.length) return ok({ changed });
    const now = new Date();
    for (const role of ROLES) {
      await tx
        .insert(mfaPolicy)
        .values({ role, required: want.has(role), updatedAt: now, updatedBy: actor.userId })
        .onConflictDoUpdate({ target: mfaPolicy.role, set: { required: want.has(role), updatedAt: now, updatedBy: actor.userId } });
    }
    await recordAudit(
      tx,
      actor,
      "security.mfa_policy_changed",
      { type: "system" },
      { required: ROLES.filter((r) => want.has(r)), optional: ROLES.filter((r) => !want.has(r)) },
    );
    return ok({ changed });
  });
}

/**
 * An administrator removes every second factor and recovery code of a person (a lost
 * phone, a broken key). Their sessions end too, so whoever holds the lost device is
 * signed out; at their next sign-in they enrol again if their role requires it.
 * Audited, and the person is told in the portal and by e-mail.
 */
export async function resetFactorsFor(db: DbOrTx, actor: Actor, userId: string): Promise<ActionResult<{ removed: number; sessionsEnded: number }>> {
  if (actor.role !== "admin") return fail("forbidden", "Only administrators reset second factors.");
  if (userId === actor.userId) return fail("conflict", "You cannot reset your own factors here. Use your security page, or ask another administrator.");
  const person = await getPrincipalById(db, userId);
  if (!person) return fail("not_found", "This person does not exist.");
  return db.transaction(async (tx) => {
    const removed = await resetAllFactors(tx, userId);
    const sessionsEnded = await revokeAllSessions(tx, userId);
    await recordAudit(tx, actor, "auth.factors_reset", { type: "user", id: userId }, { removed, sessionsEnded });
    await notify(tx, [userId], {
      kind: "factors_reset",
      title: "Your second factors were reset",
      body: `An administrator removed your second factors and recovery codes${sessionsEnded ? " and ended your sessions" : ""}. If your role requires a second factor you will set up a new one at your next sign-in. If you did not ask for this, tell your administrator at once.`,
      link: "/account/security",
    });
    return ok({ removed, sessionsEnded });
  });
}
