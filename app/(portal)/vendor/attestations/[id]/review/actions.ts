"use server";
import { getDb } from "@/db/client";
import { defineAction } from "@/lib/server/action";
import { closeRemediation } from "@/lib/review/remediation";
import { closeRemediationSchema } from "@/lib/validations/review";

export const closeRemediationAction = defineAction("vendor.submit", closeRemediationSchema, async (input, actor) =>
  closeRemediation(await getDb(), actor, input),
);
