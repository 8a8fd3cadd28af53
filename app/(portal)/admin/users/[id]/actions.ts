"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { signOut } from "@/lib/auth/auth";
import { auditActor } from "@/lib/auth/session";
import { endSessionsForPerson } from "@/lib/auth/session-list";
import { defineAction } from "@/lib/server/action";

export const endUserSessionsAction = defineAction("admin.users", z.object({ userId: z.string().uuid() }), async ({ userId }, actor) => {
  const result = await endSessionsForPerson(await getDb(), auditActor(actor), userId);
  // An administrator who ends their own sessions ends this one too: clear its cookie.
  if (result.ok && userId === actor.userId) await signOut({ redirect: false });
  else if (result.ok) revalidatePath(`/admin/users/${userId}`);
  return result;
});
