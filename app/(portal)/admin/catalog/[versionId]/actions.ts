"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import {
  createControl,
  createDomain,
  deleteControl,
  deleteDomain,
  reorderControls,
  reorderDomains,
  updateControl,
  updateDomain,
} from "@/lib/catalog/content-mutations";
import { defineAction } from "@/lib/server/action";
import {
  controlFormSchema,
  controlRefSchema,
  domainFormSchema,
  domainRefSchema,
  reorderControlsSchema,
  reorderDomainsSchema,
  versionRefSchema,
} from "@/lib/validations/catalog";

const refresh = (versionId: string) => revalidatePath(`/admin/catalog/${versionId}`, "layout");

export const createDomainAction = defineAction("catalog.manage", domainFormSchema.extend(versionRefSchema.shape), async ({ versionId, ...input }, actor) => {
  const result = await createDomain(await getDb(), auditActor(actor), versionId, input);
  if (result.ok) refresh(versionId);
  return result;
});

export const updateDomainAction = defineAction(
  "catalog.manage",
  domainFormSchema.extend({ ...versionRefSchema.shape, currentKey: domainRefSchema.shape.key }),
  async ({ versionId, currentKey, ...input }, actor) => {
    const result = await updateDomain(await getDb(), auditActor(actor), versionId, currentKey, input);
    if (result.ok) refresh(versionId);
    return result;
  },
);

export const deleteDomainAction = defineAction("catalog.manage", domainRefSchema, async ({ versionId, key }, actor) => {
  const result = await deleteDomain(await getDb(), auditActor(actor), versionId, key);
  if (result.ok) refresh(versionId);
  return result;
});

export const reorderDomainsAction = defineAction("catalog.manage", reorderDomainsSchema, async ({ versionId, keys }, actor) => {
  const result = await reorderDomains(await getDb(), auditActor(actor), versionId, keys);
  if (result.ok) refresh(versionId);
  return result;
});

export const createControlAction = defineAction("catalog.manage", controlFormSchema.extend(versionRefSchema.shape), async ({ versionId, ...input }, actor) => {
  const result = await createControl(await getDb(), auditActor(actor), versionId, input);
  if (result.ok) refresh(versionId);
  return result;
});

export const updateControlAction = defineAction(
  "catalog.manage",
  controlFormSchema.extend({ ...versionRefSchema.shape, currentId: controlRefSchema.shape.controlId }),
  async ({ versionId, currentId, ...input }, actor) => {
    const result = await updateControl(await getDb(), auditActor(actor), versionId, currentId, input);
    if (result.ok) refresh(versionId);
    return result;
  },
);

export const deleteControlAction = defineAction("catalog.manage", controlRefSchema, async ({ versionId, controlId }, actor) => {
  const result = await deleteControl(await getDb(), auditActor(actor), versionId, controlId);
  if (result.ok) refresh(versionId);
  return result;
});

export const reorderControlsAction = defineAction("catalog.manage", reorderControlsSchema, async ({ versionId, domainKey, controlIds }, actor) => {
  const result = await reorderControls(await getDb(), auditActor(actor), versionId, domainKey, controlIds);
  if (result.ok) refresh(versionId);
  return result;
});
