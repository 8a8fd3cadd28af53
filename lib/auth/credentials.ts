import "server-only";
import { eq } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { recordAudit } from "@/lib/server/audit";
import { signInSchema } from "@/lib/validations/auth";
import type { KnownDevice } from "./known-device";
import { noticeNewSignIn } from "./new-device-notice";
import { verifyPassword } from "./password";
import { createSession } from "./sessions";
import { passwordSignInAllowed } from "./sso";
import { clearAfterSuccess, recordFailure, secondsUntilAllowed, throttleKeys } from "./throttle";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

/** The right password, but the person's organisation signs in only through its identity provider. */
export class PasswordSignInOff extends CredentialsSignin {
  code = "sso_only";
}

export class ThrottledSignIn extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled_${seconds}`;
  }
}

/** What the session cookie carries; `sid` names the server-side session row (lib/auth/sessions.ts). */
export type SessionClaims = { id: string; sv: number; role: string; org: string; sid: string };

/** What the request says about where a sign-in comes from. */
export type SignInContext = {
  clientAddress: string | null;
  userAgent?: string | null;
  /** A verified known-device cookie, whoever it names: it only counts when it names this account. */
  device?: KnownDevice | null;
};

/**
 * Checks an email and password. Unknown emails, inactive accounts and wrong
 * passwords all cost one argon2id verification and give the same answer.
 * Success opens a server-side session, audited in the same transaction.
 */
export async function authorizeCredentials(raw: unknown, context: SignInContext): Promise<SessionClaims> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const { clientAddress } = context;
  const db = await getDb();
  // Looked up before the throttle check: whether a device cookie counts depends on whose account this is.
  const principal = await getPrincipalForSignIn(db, email);
  const knownDevice = principal && context.device?.userId === principal.userId ? context.device.deviceId : null;
  const keys = throttleKeys(email, clientAddress, knownDevice);
  const wait = await secondsUntilAllowed(db, keys);
  if (wait > 0) throw new ThrottledSignIn(wait);

  const valid = await verifyPassword(principal?.passwordHash, password);
  if (!principal || !valid || !principal.active) {
    await recordFailure(db, keys);
    // Logged by account id only: an unknown e-mail address is never written down.
    const reason = !principal ? "unknown_account" : !principal.active ? "inactive_account" : "wrong_password";
    const lockedFor = await secondsUntilAllowed(db, keys);
    await db.transaction(async (tx) => {
      const actor = { userId: null, organisationId: null, role: null };
      const target = { type: "user", id: principal?.userId ?? null };
      await recordAudit(tx, actor, "auth.sign_in_failed", target, { reason }, { clientAddress });
      if (lockedFor > 0)
        await recordAudit(tx, actor, "auth.locked_out", target, { seconds: lockedFor, by: keys.map((k) => k.slice(0, k.indexOf(":"))) }, { clientAddress });
    });
    throw new InvalidCredentials();
  }
  await clearAfterSuccess(db, keys);
  // Told only after the password was right: the answer must not reveal which accounts exist.
  if (!(await passwordSignInAllowed(db, principal.organisationId))) {
    const target = { type: "user", id: principal.userId };
    await db.transaction((tx) =>
      recordAudit(tx, { userId: null, organisationId: null, role: null }, "auth.sign_in_failed", target, { reason: "password_sign_in_off" }, { clientAddress }),
    );
    throw new PasswordSignInOff();
  }
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, principal.userId));
    const created = await createSession(tx, { userId: principal.userId, userAgent: context.userAgent, clientAddress });
    await noticeNewSignIn(tx, {
      userId: principal.userId,
      sessionId: created.id,
      userAgent: context.userAgent,
      clientAddress,
      knownDevice: Boolean(knownDevice),
    });
    await recordAudit(
      tx,
      { userId: principal.userId, organisationId: principal.organisationId, role: principal.role },
      "auth.signed_in",
      { type: "user", id: principal.userId },
      { session: created.id, knownDevice: Boolean(knownDevice) },
      { clientAddress },
    );
    return created;
  });
  return { id: principal.userId, sv: principal.sessionVersion, role: principal.role, org: principal.organisationId, sid: session.id };
}
