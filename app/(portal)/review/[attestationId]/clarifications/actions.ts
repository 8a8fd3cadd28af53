"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { askClarification, replyAsPanel, resolveClarification } from "@/lib/review/clarifications";
import { defineAction } from "@/lib/server/action";
import { askClarificationSchema, replyClarificationSchema, resolveClarificationSchema } from "@/lib/validations/clarifications";

// The panel's side of a question. The domain functions check the panel seat, the
// conflict declaration and the attestation's state under a lock.
function refresh(attestationId: string) {
  revalidatePath(`/review/${attestationId}`, "layout");
  revalidatePath(`/vendor/attestations/${attestationId}`, "layout");
}

export const askClarificationAction = defineAction("review.use", askClarificationSchema, async (input, actor) => {
  const result = await askClarification(await getDb(), actor, input);
  if (result.ok) refresh(result.data.attestationId);
  return result;
});

export const replyClarificationAction = defineAction("review.use", replyClarificationSchema, async (input, actor) => {
  const result = await replyAsPanel(await getDb(), actor, input);
  if (result.ok) refresh(result.data.attestationId);
  return result;
});

export const resolveClarificationAction = defineAction("review.use", resolveClarificationSchema, async (input, actor) => {
  const result = await resolveClarification(await getDb(), actor, input);
  if (result.ok) refresh(result.data.attestationId);
  return result;
});
