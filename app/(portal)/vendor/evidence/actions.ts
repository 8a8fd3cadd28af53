"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { deleteEvidence, setEvidenceRetired, updateEvidence } from "@/lib/evidence/lifecycle";
import { searchEvidence } from "@/lib/evidence/queries";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { ok } from "@/lib/result";
import { defineAction } from "@/lib/server/action";
import { deleteEvidenceSchema, retireEvidenceSchema, searchEvidenceSchema, updateEvidenceSchema, urlEvidenceSchema } from "@/lib/validations/vendor";

export const createUrlEvidenceAction = defineAction("vendor.workspace", urlEvidenceSchema, async (input, actor) => {
  const result = await createUrlEvidence(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/evidence");
  return result;
});

export const updateEvidenceAction = defineAction("vendor.workspace", updateEvidenceSchema, async (input, actor) => {
  const result = await updateEvidence(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/evidence", "layout");
  return result;
});

export const setEvidenceRetiredAction = defineAction("vendor.workspace", retireEvidenceSchema, async (input, actor) => {
  const result = await setEvidenceRetired(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/evidence", "layout");
  return result;
});

export const deleteEvidenceAction = defineAction("vendor.workspace", deleteEvidenceSchema, async (input, actor) => {
  const result = await deleteEvidence(await getDb(), actor, input);
  if (result.ok) revalidatePath("/vendor/evidence", "layout");
  return result;
});

/** The evidence picker's search: read-only, the caller's own active items. */
export const searchEvidenceAction = defineAction("vendor.workspace", searchEvidenceSchema, async (input, actor) =>
  ok(await searchEvidence(await getDb(), actor.organisationId, input)),
);
