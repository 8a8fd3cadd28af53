"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { importFramework } from "@/lib/catalog/import-export";
import { createDraftFromVersion, publishVersion, retireVersion, updateVersionMeta } from "@/lib/catalog/version-mutations";
import { defineAction } from "@/lib/server/action";
import { importSchema, versionMetaSchema, versionRefSchema } from "@/lib/validations/catalog";

function refresh(versionId?: string) {
  revalidatePath("/admin/catalog");
  revalidatePath("/catalog");
  if (versionId) revalidatePath(`/admin/catalog/${versionId}`);
}

export const createDraftVersionAction = defineAction("catalog.manage", versionRefSchema, async ({ versionId }, actor) => {
  const result = await createDraftFromVersion(await getDb(), auditActor(actor), versionId);
  if (result.ok) refresh();
  return result;
});

export const updateVersionAction = defineAction("catalog.manage", versionMetaSchema.extend(versionRefSchema.shape), async ({ versionId, ...input }, actor) => {
  const result = await updateVersionMeta(await getDb(), auditActor(actor), versionId, input);
  if (result.ok) refresh(versionId);
  return result;
});

export const publishVersionAction = defineAction("catalog.manage", versionRefSchema, async ({ versionId }, actor) => {
  const result = await publishVersion(await getDb(), auditActor(actor), versionId);
  if (result.ok) refresh(versionId);
  return result;
});

export const retireVersionAction = defineAction("catalog.manage", versionRefSchema, async ({ versionId }, actor) => {
  const result = await retireVersion(await getDb(), auditActor(actor), versionId);
  if (result.ok) refresh(versionId);
  return result;
});

export const importFrameworkAction = defineAction("catalog.manage", importSchema, async ({ text }, actor) => {
  const result = await importFramework(await getDb(), auditActor(actor), text);
  if (result.ok) refresh();
  return result;
});
