import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getOrganisation } from "@/lib/identity/queries";
import { isUuid } from "@/lib/ids";
import { PageHeader } from "@/components/ui/page-header";
import { OrganisationForm } from "../organisation-form";
import { SsoSection } from "./sso-section";

export const metadata: Metadata = { title: "Edit organisation" };

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePermission("admin.organisations");
  const { id } = await params;
  const org = isUuid(id) ? await getOrganisation(await getDb(), id) : null;
  if (!org) notFound();
  return (
    <>
      <PageHeader title={`Edit ${org.name}`} />
      <OrganisationForm initial={{ id: org.id, name: org.name, kind: org.kind }} />
      <SsoSection organisation={org} />
    </>
  );
}
