"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { auditActor } from "@/lib/auth/session";
import { createOrganisation, updateOrganisation } from "@/lib/identity/organisations";
import { defineAction } from "@/lib/server/action";
import { organisationSchema } from "@/lib/validations/admin";

export const createOrganisationAction = defineAction("admin.organisations", organisationSchema, async (input, actor) => {
  const result = await createOrganisation(await getDb(), auditActor(actor), input);
  if (result.ok) revalidatePath("/admin/organisations");
  return result;
});

export const updateOrganisationAction = defineAction(
  "admin.organisations",
  organisationSchema.extend({ id: z.string().uuid() }),
  async ({ id, ...input }, actor) => {
    const result = await updateOrganisation(await getDb(), auditActor(actor), id, input);
    if (result.ok) revalidatePath("/admin/organisations");
    return result;
  },
);
