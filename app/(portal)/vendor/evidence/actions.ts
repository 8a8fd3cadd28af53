"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { defineAction } from "@/lib/server/action";
import { urlEvidenceSchema } from "@/lib/validations/vendor";

export const createUrlEvidenceAction = defineAction("vendor.workspace", urlEvidenceSchema, async (input, actor) => {
  const result = await createUrlEvidence(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/evidence");
  return result;
});
