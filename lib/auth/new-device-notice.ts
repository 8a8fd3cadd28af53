import "server-only";
import { and, eq, ne } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { userSessions } from "@/db/schema";
import { formatUtc } from "@/lib/format";
import { notify } from "@/lib/notifications/notify";
import { describeUserAgent } from "./user-agent";

export type NewSignIn = {
  userId: string;
  /** The session the sign-in just opened. */
  sessionId: string;
  userAgent?: string | null;
  clientAddress: string | null;
  /** Whether the browser held a valid known-device cookie for this account. */
  knownDevice: boolean;
  at?: Date;
};

/**
 * Tells a person about a sign-in from a browser that has not signed in to
 * their account before (no known-device cookie for it), in-app and by e-mail
 * through the outbox, in the sign-in's transaction. An account's very first
 * sign-in is not news and tells nobody. Returns whether a notice was written.
 */
export async function noticeNewSignIn(tx: DbOrTx, input: NewSignIn): Promise<boolean> {
  if (input.knownDevice) return false;
  const [earlier] = await tx
    .select({ id: userSessions.id })
    .from(userSessions)
    .where(and(eq(userSessions.userId, input.userId), ne(userSessions.id, input.sessionId)))
    .limit(1);
  if (!earlier) return false;
  const where = input.clientAddress ? `from ${input.clientAddress}` : "from an unknown address";
  await notify(tx, [input.userId], {
    kind: "new_sign_in",
    title: "New sign-in to your account",
    body: `${describeUserAgent(input.userAgent)}, ${where}, on ${formatUtc(input.at ?? new Date())}. If this was you, there is nothing to do. If it was not, end that session on your sessions page and change your password.`,
    link: "/account/sessions",
  });
  return true;
}
