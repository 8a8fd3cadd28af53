"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { clientAddressFrom } from "@/lib/auth/request-address";
import { takeRateLimits, tryAgainIn } from "@/lib/http/rate-limit";
import { setPasswordWithToken } from "@/lib/identity/passwords";
import { hashToken } from "@/lib/identity/tokens";
import { fail } from "@/lib/result";
import { definePublicAction } from "@/lib/server/action";
import { setPasswordSchema } from "@/lib/validations/auth";

const schema = z.intersection(setPasswordSchema, z.object({ token: z.string().min(20).max(200) }));

/**
 * Public by design: the one-time token is the credential. Attempts are limited
 * per client address and per link (each attempt costs an argon2id hash).
 */
export const setPasswordAction = definePublicAction(schema, async ({ token, password }) => {
  const db = await getDb();
  const refused = await takeRateLimits(db, [
    { limit: "password-set.address", subject: clientAddressFrom(await headers()) ?? "unknown" },
    { limit: "password-set.link", subject: hashToken(token) },
  ]);
  if (refused) return fail("throttled", `Too many attempts to set a password. ${tryAgainIn(refused.retryAfterSeconds)}`);
  return setPasswordWithToken(db, token, password);
});
