"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { defineAction } from "@/lib/server/action";
import { fail, ok } from "@/lib/result";
import { createApiToken, revokeApiToken } from "@/lib/rollouts/tokens";
import { apiTokenSchema, idSchema } from "@/lib/validations/rollouts";

export const createApiTokenAction = defineAction(
  "vendor.tokens",
  apiTokenSchema,
  async (input, actor) => {
    const { token, prefix, expiresAt } = await createApiToken(await getDb(), auditActor(actor), {
      name: input.name,
      scopes: [...new Set(input.scopes)],
      lifetimeDays: input.lifetimeDays,
    });
    revalidatePath("/vendor/rollouts/tokens");
    return ok({ token, prefix, expiresAt: expiresAt.toISOString() });
  },
  { stepUp: true },
);

export const revokeApiTokenAction = defineAction("vendor.tokens", idSchema, async ({ id }, actor) => {
  if (!(await revokeApiToken(await getDb(), auditActor(actor), id))) return fail("not_found", "This token does not exist or is already revoked.");
  revalidatePath("/vendor/rollouts/tokens");
  return ok(undefined);
});
