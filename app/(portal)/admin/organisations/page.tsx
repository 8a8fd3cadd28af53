import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { countOrganisations, listOrganisations } from "@/lib/identity/queries";
import { ORG_KIND_LABELS } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { TablePager } from "@/components/rollouts/table-pager";
import { ADMIN_PAGE_SIZE, parseAdminListQuery } from "@/lib/validations/admin";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Organisations" };

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.organisations");
  const { page: requested } = parseAdminListQuery(await searchParams);
  const db = await getDb();
  // Thousands of vendors at scale: one page at a time, in the same order.
  const pageCount = Math.max(1, Math.ceil((await countOrganisations(db)) / ADMIN_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  const orgs = await listOrganisations(db, { limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
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
      <ScrollRegion label="Organisations" className="rounded-lg border border-gray-300 bg-white">
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
      </ScrollRegion>
      <TablePager label="Pages of organisations" page={page} pageCount={pageCount} href={(p) => (p > 1 ? `/admin/organisations?page=${p}` : "/admin/organisations")} />
    </>
  );
}
