"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { auditActor, getSignedIn } from "@/lib/auth/session";
import { endOtherSessions, endOwnSession } from "@/lib/auth/session-list";
import { defineAction } from "@/lib/server/action";
import { fail, ok } from "@/lib/result";

const SESSION_ENDED = "Your session has ended. Sign in again to continue.";

/** Ends one of the caller's own sessions (the user id comes from the session, never from input); ending the current one signs out. */
export const endSessionAction = defineAction("account.manage", z.object({ sessionId: z.string().uuid() }), async ({ sessionId }, actor) => {
  const signedIn = await getSignedIn();
  if (!signedIn) return fail("unauthenticated", SESSION_ENDED);
  if (!(await endOwnSession(await getDb(), auditActor(actor), sessionId))) return fail("not_found", "This session has already ended.");
  const current = sessionId === signedIn.sessionId;
  if (current) await signOut({ redirect: false });
  else revalidatePath("/account/sessions");
  return ok({ signedOut: current });
});

export const endOtherSessionsAction = defineAction("account.manage", z.object({}), async (_input, actor) => {
  const signedIn = await getSignedIn();
  if (!signedIn) return fail("unauthenticated", SESSION_ENDED);
  const ended = await endOtherSessions(await getDb(), auditActor(actor), signedIn.sessionId);
  revalidatePath("/account/sessions");
  return ok({ ended });
});
