import "server-only";
import { eq } from "drizzle-orm";
import { CredentialsSignin } from "next-auth";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { recordAudit } from "@/lib/server/audit";
import { signInSchema } from "@/lib/validations/auth";
import { verifyPassword } from "./password";
import { clearAccount, recordFailure, secondsUntilAllowed, throttleKeys } from "./throttle";

export class InvalidCredentials extends CredentialsSignin {
  code = "invalid";
}

export class ThrottledSignIn extends CredentialsSignin {
  constructor(seconds: number) {
    super();
    this.code = `throttled_${seconds}`;
  }
}

export type SessionClaims = { id: string; sv: number; role: string; org: string };

/**
 * Checks an email and password. Unknown emails, inactive accounts and wrong
 * passwords all cost one argon2id verification and give the same answer.
 */
export async function authorizeCredentials(raw: unknown, clientAddress: string | null): Promise<SessionClaims> {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const db = await getDb();
  const keys = throttleKeys(email, clientAddress);
  const wait = await secondsUntilAllowed(db, keys);
  if (wait > 0) throw new ThrottledSignIn(wait);

  const principal = await getPrincipalForSignIn(db, email);
  const valid = await verifyPassword(principal?.passwordHash, password);
  if (!principal || !valid || !principal.active) {
    await recordFailure(db, keys);
    throw new InvalidCredentials();
  }
  await clearAccount(db, email);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, principal.userId));
    await recordAudit(tx, { userId: principal.userId, organisationId: principal.organisationId }, "auth.signed_in", { type: "user", id: principal.userId }, { address: clientAddress });
  });
  return { id: principal.userId, sv: principal.sessionVersion, role: principal.role, org: principal.organisationId };
}
