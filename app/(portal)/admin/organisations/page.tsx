import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { countOrganisations, listOrganisations } from "@/lib/identity/queries";
import { ORG_KIND_LABELS } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/ui/pager";
import { DataTable } from "@/components/ui/data-table";
import { ADMIN_PAGE_SIZE, parseAdminListQuery } from "@/lib/validations/admin";

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
      <DataTable
        caption="Organisations"
        rows={orgs}
        rowKey={(o) => o.id}
        empty={{
          reason: "none",
          title: "No organisations yet",
          action: (
            <Link href="/admin/organisations/new" className="underline">
              New organisation
            </Link>
          ),
        }}
        columns={[
          {
            key: "name",
            header: "Name",
            cell: (o) => (
              <Link href={`/admin/organisations/${o.id}`} className="text-brand-700 underline">
                {o.name}
              </Link>
            ),
          },
          { key: "kind", header: "Kind", cell: (o) => ORG_KIND_LABELS[o.kind] },
          {
            key: "people",
            header: "People",
            cell: (o) => (
              <Link href={`/admin/users?org=${o.id}`} className="underline">
                {o.members}
              </Link>
            ),
          },
        ]}
      />
      <Pager
        label="Pages of organisations"
        page={page}
        pageCount={pageCount}
        href={(p) => (p > 1 ? `/admin/organisations?page=${p}` : "/admin/organisations")}
      />
    </>
  );
}
