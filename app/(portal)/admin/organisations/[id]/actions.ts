"use server";
import { revalidatePath } from "next/cache";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { removeSsoProvider, saveSsoProvider, setPasswordSignIn } from "@/lib/identity/sso-providers";
import { defineAction } from "@/lib/server/action";
import { passwordSignInSchema, removeSsoProviderSchema, ssoProviderSchema } from "@/lib/validations/sso";

// Single sign-on settings of one organisation: administrators only, each change audited (lib/identity/sso-providers.ts).
const page = (organisationId: string) => `/admin/organisations/${organisationId}`;

export const saveSsoProviderAction = defineAction("admin.organisations", ssoProviderSchema, async (input, actor) => {
  const result = await saveSsoProvider(await getDb(), auditActor(actor), input);
  if (result.ok) revalidatePath(page(input.organisationId));
  return result;
});

export const removeSsoProviderAction = defineAction("admin.organisations", removeSsoProviderSchema, async ({ organisationId }, actor) => {
  const result = await removeSsoProvider(await getDb(), auditActor(actor), organisationId);
  if (result.ok) revalidatePath(page(organisationId));
  return result;
});

export const setPasswordSignInAction = defineAction("admin.organisations", passwordSignInSchema, async ({ organisationId, allowed }, actor) => {
  const result = await setPasswordSignIn(await getDb(), auditActor(actor), organisationId, allowed);
  if (result.ok) revalidatePath(page(organisationId));
  return result;
});
