"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createRevision, submitAttestation } from "@/lib/attestations/submit";
import { defineAction } from "@/lib/server/action";
import { attestationIdSchema, signSchema } from "@/lib/validations/vendor";

export const submitAttestationAction = defineAction(
  "vendor.submit",
  signSchema,
  async (input, actor) => {
    const result = await submitAttestation(await getDb(), actor, input);
    if (result.ok) revalidatePath(`/vendor/attestations/${input.attestationId}`);
    return result;
  },
  { stepUp: true },
);

/** Stands in for "reviewers request changes" until reviews exist: the officer opens revision n+1 from the snapshot. */
export const createRevisionAction = defineAction("vendor.submit", attestationIdSchema, async ({ attestationId }, actor) => {
  const result = await createRevision(await getDb(), actor, attestationId);
  if (result.ok) revalidatePath("/vendor/attestations");
  return result;
});
