"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { changeOwnPassword, endAllSessions } from "@/lib/identity/passwords";
import { defineAction } from "@/lib/server/action";
import { ok } from "@/lib/result";
import { changePasswordSchema } from "@/lib/validations/auth";

export const changePasswordAction = defineAction("account.manage", changePasswordSchema, async ({ current, password }, actor) => {
  const result = await changeOwnPassword(await getDb(), actor.userId, current, password);
  // Every session ended with the password change, this one too.
  if (result.ok) await signOut({ redirect: false });
  return result;
});

export const signOutEverywhereAction = defineAction("account.manage", z.object({}), async (_input, actor) => {
  await endAllSessions(await getDb(), actor.userId);
  await signOut({ redirect: false });
  return ok(null);
});
