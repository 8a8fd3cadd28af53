"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { saveAnswer, setEvidenceLinks } from "@/lib/attestations/answers";
import { withdrawAttestation } from "@/lib/attestations/withdraw";
import { defineAction } from "@/lib/server/action";
import { evidenceLinksSchema, saveAnswerSchema, withdrawSchema } from "@/lib/validations/vendor";

// Autosave: no revalidation, the editor keeps its own state; the version guards against overwrites.
export const saveAnswerAction = defineAction("vendor.workspace", saveAnswerSchema, async (input, actor) => saveAnswer(await getDb(), actor, input));

export const setEvidenceLinksAction = defineAction("vendor.workspace", evidenceLinksSchema, async (input, actor) =>
  setEvidenceLinks(await getDb(), actor, input),
);

export const withdrawAttestationAction = defineAction("vendor.submit", withdrawSchema, async (input, actor) => {
  const result = await withdrawAttestation(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor", "layout");
  return result;
});
