import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listOrganisations } from "@/lib/identity/queries";
import { ORG_KIND_LABELS } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage() {
  await requirePermission("admin.organisations");
  const orgs = await listOrganisations(await getDb());
  return (
    <>
      <PageHeader
        title="Organisations"
        description="Security vendors, the OS platform company, government agencies and the portal operator."
        actions={
          <Link href="/admin/organisations/new" className={buttonClass()}>
            New organisation
          </Link>
        }
      />
      <div className="overflow-x-auto rounded-lg border border-gray-300 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Organisations</caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2">Kind</th>
              <th scope="col" className="px-4 py-2">People</th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id} className="border-t border-gray-200">
                <td className="px-4 py-2">
                  <Link href={`/admin/organisations/${o.id}`} className="text-brand-700 underline">
                    {o.name}
                  </Link>
                </td>
                <td className="px-4 py-2">{ORG_KIND_LABELS[o.kind]}</td>
                <td className="px-4 py-2">
                  <Link href={`/admin/users?org=${o.id}`} className="underline">
                    {o.members}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
