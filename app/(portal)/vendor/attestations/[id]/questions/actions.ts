"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { answerClarification } from "@/lib/review/clarifications";
import { defineAction } from "@/lib/server/action";
import { answerClarificationSchema } from "@/lib/validations/clarifications";

// Only compliance officers answer; contributors read. The domain function checks
// the organisation and the attestation's state under a lock.
export const answerClarificationAction = defineAction("vendor.submit", answerClarificationSchema, async (input, actor) => {
  const result = await answerClarification(await getDb(), actor, input);
  if (result.ok) {
    revalidatePath(`/vendor/attestations/${result.data.attestationId}`, "layout");
    revalidatePath(`/review/${result.data.attestationId}`, "layout");
  }
  return result;
});
