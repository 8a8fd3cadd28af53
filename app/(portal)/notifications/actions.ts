"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/notifications/queries";
import { fail, ok } from "@/lib/result";
import { defineAction } from "@/lib/server/action";
import { markAllNotificationsReadSchema, markNotificationReadSchema } from "@/lib/validations/notifications";

// The user id comes from the session: a notification of someone else is not found.
export const markNotificationReadAction = defineAction("portal.use", markNotificationReadSchema, async ({ id }, actor) => {
  if (!(await markNotificationRead(await getDb(), actor.userId, id))) return fail("not_found", "That notification was not found.");
  // The header's unread count is drawn by the portal layout.
  revalidatePath("/", "layout");
  return ok(undefined);
});

export const markAllNotificationsReadAction = defineAction("portal.use", markAllNotificationsReadSchema, async (_input, actor) => {
  const changed = await markAllNotificationsRead(await getDb(), actor.userId);
  revalidatePath("/", "layout");
  return ok({ changed });
});
