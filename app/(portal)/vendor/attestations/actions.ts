"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { startAttestation } from "@/lib/attestations/answers";
import { defineAction } from "@/lib/server/action";
import { startAttestationSchema } from "@/lib/validations/vendor";

export const startAttestationAction = defineAction("vendor.workspace", startAttestationSchema, async (input, actor) => {
  const result = await startAttestation(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/attestations");
  return result;
});
