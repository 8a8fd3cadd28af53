"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { resetFactorsFor, setMfaPolicy } from "@/lib/auth/factor-admin";
import { defineAction } from "@/lib/server/action";
import { factorIdSchema, mfaPolicySchema } from "@/lib/validations/factors";

export const setMfaPolicyAction = defineAction("admin.users", mfaPolicySchema, async ({ required }, actor) => {
  const result = await setMfaPolicy(await getDb(), actor, required);
  if (result.ok) revalidatePath("/admin/security");
  return result;
});

/** `id` is the person whose factors are reset. */
export const resetFactorsAction = defineAction("admin.users", factorIdSchema, async ({ id }, actor) => {
  const result = await resetFactorsFor(await getDb(), actor, id);
  if (result.ok) revalidatePath(`/admin/users/${id}`);
  return result;
});
