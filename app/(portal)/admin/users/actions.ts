"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { createResetLink, createUser, setUserActive, updateUser } from "@/lib/identity/users";
import { defineAction } from "@/lib/server/action";
import { updateUserSchema, userSchema } from "@/lib/validations/admin";

export const createUserAction = defineAction("admin.users", userSchema, async (input, actor) => {
  const result = await createUser(await getDb(), auditActor(actor), input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
});

export const updateUserAction = defineAction("admin.users", updateUserSchema, async (input, actor) => {
  const result = await updateUser(await getDb(), auditActor(actor), input);
  if (result.ok) revalidatePath("/admin/users");
  return result;
});

export const setUserActiveAction = defineAction(
  "admin.users",
  z.object({ userId: z.string().uuid(), active: z.boolean() }),
  async ({ userId, active }, actor) => {
    const result = await setUserActive(await getDb(), auditActor(actor), userId, active);
    if (result.ok) revalidatePath("/admin/users");
    return result;
  },
);

export const createPasswordLinkAction = defineAction("admin.users", z.object({ userId: z.string().uuid() }), async ({ userId }, actor) => {
  return createResetLink(await getDb(), auditActor(actor), userId);
});
