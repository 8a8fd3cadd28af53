import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listOrganisations } from "@/lib/identity/queries";
import { PageHeader } from "@/components/ui/page-header";
import { UserForm } from "../user-form";

export const metadata: Metadata = { title: "Invite a person" };

export default async function NewUserPage() {
  await requirePermission("admin.users");
  const orgs = await listOrganisations(await getDb());
  return (
    <>
      <PageHeader title="Invite a person" description="The person gets a one-time link to set their own password. You will see the link once, to pass on." />
      <UserForm organisations={orgs.map(({ id, name, kind }) => ({ id, name, kind }))} />
    </>
  );
}
