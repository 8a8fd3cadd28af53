import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { OrganisationForm } from "../organisation-form";

export const metadata: Metadata = { title: "New organisation" };

export default async function NewOrganisationPage() {
  await requirePermission("admin.organisations");
  return (
    <>
      <PageHeader title="New organisation" />
      <OrganisationForm />
    </>
  );
}
