"use server";
import { z } from "zod";
import { getDb } from "@/db/client";
import { setPasswordWithToken } from "@/lib/identity/passwords";
import { definePublicAction } from "@/lib/server/action";
import { setPasswordSchema } from "@/lib/validations/auth";

const schema = z.intersection(setPasswordSchema, z.object({ token: z.string().min(20).max(200) }));

/** Public by design: the one-time token is the credential. */
export const setPasswordAction = definePublicAction(schema, async ({ token, password }) => {
  return setPasswordWithToken(await getDb(), token, password);
});
