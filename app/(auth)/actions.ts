"use server";
import { AuthError } from "next-auth";
import { getDb } from "@/db/client";
import { signIn, signOut } from "@/lib/auth/auth";
import { getSessionState } from "@/lib/auth/session";
import { endSession } from "@/lib/auth/sessions";
import { definePublicAction } from "@/lib/server/action";
import { fail, ok } from "@/lib/result";
import { signInSchema } from "@/lib/validations/auth";
import { z } from "zod";
import { safeNext } from "@/lib/auth/safe-next";

const schema = signInSchema.extend({ next: z.string().max(2000).optional() });

export const signInAction = definePublicAction(schema, async ({ email, password, next }) => {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (err) {
    if (err instanceof AuthError && err.type === "CredentialsSignin") {
      const code = (err as AuthError & { code?: string }).code ?? "";
      const throttled = /^throttled_(\d+)$/.exec(code);
      if (throttled) {
        return fail("throttled", `Too many attempts. Try again in ${throttled[1]} seconds.`);
      }
      if (code === "sso_only") {
        return fail(
          "forbidden",
          "Your organisation signs in to Ringfence through its own sign-in service, not with a password. Use your organisation's “Sign in with …” button below.",
        );
      }
      return fail("invalid", "The email address or password is not correct.");
    }
    throw err;
  }
  // The factor step sends sessions that need no second factor straight on to `next`.
  return ok({ redirectTo: `/login/factor?next=${encodeURIComponent(safeNext(next))}` });
});

/**
 * Signing out needs no permission: it only ends the caller's own session.
 * The session row is revoked first (a copied cookie stops working), then the cookie is cleared.
 */
export async function signOutAction(): Promise<void> {
  // A session still owing its second factor can sign out too.
  const signedIn = await getSessionState();
  if (signedIn) {
    const { actor, sessionId } = signedIn;
    await endSession(await getDb(), { userId: actor.userId, organisationId: actor.organisationId }, sessionId);
  }
  await signOut({ redirectTo: "/login" });
}
