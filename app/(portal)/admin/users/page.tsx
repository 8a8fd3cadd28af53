import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { countUsers, getOrganisation, listUsers } from "@/lib/identity/queries";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { isUuid } from "@/lib/ids";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { TablePager } from "@/components/rollouts/table-pager";
import { ADMIN_PAGE_SIZE, parseAdminListQuery } from "@/lib/validations/admin";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "People" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.users");
  const { org, page: requested } = parseAdminListQuery(await searchParams);
  const db = await getDb();
  const orgFilter = org && isUuid(org) ? await getOrganisation(db, org) : null;
  // Thousands of people at scale: one page at a time, in the same order.
  const total = await countUsers(db, { organisationId: orgFilter?.id });
  const pageCount = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const page = Math.min(requested, pageCount);
  const people = await listUsers(db, { organisationId: orgFilter?.id, limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
  const pageHref = (p: number) => {
    const query = new URLSearchParams({ ...(orgFilter ? { org: orgFilter.id } : {}), ...(p > 1 ? { page: String(p) } : {}) }).toString();
    return query ? `/admin/users?${query}` : "/admin/users";
  };
  return (
    <>
      <PageHeader
        title={orgFilter ? `People at ${orgFilter.name}` : "People"}
        description={orgFilter ? <Link href="/admin/users" className="underline">Show everyone</Link> : "Everyone with an account, by organisation."}
        actions={
          <Link href="/admin/users/new" className={buttonClass()}>
            Invite a person
          </Link>
        }
      />
      {people.length === 0 ? (
        <EmptyState title="Nobody here yet.">Invite a person to give them an account.</EmptyState>
      ) : (
        <ScrollRegion label="People" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">People</caption>
            <thead className="bg-gray-100">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="hidden px-4 py-2 md:table-cell">Email</th>
                <th scope="col" className="hidden px-4 py-2 sm:table-cell">Organisation</th>
                <th scope="col" className="px-4 py-2">Role</th>
                <th scope="col" className="px-4 py-2">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id} className="border-t border-gray-200">
                  <td className="px-4 py-2">
                    <Link href={`/admin/users/${p.id}`} className="text-brand-700 underline">
                      {p.name}
                    </Link>
                    {/* On narrow screens the email and organisation sit under the name. */}
                    <span className="block text-xs text-muted md:hidden">{p.email}</span>
                    <span className="block text-xs text-muted sm:hidden">{p.organisationName}</span>
                  </td>
                  <td className="hidden px-4 py-2 md:table-cell">{p.email}</td>
                  <td className="hidden px-4 py-2 sm:table-cell">{p.organisationName}</td>
                  <td className="px-4 py-2">{ROLE_LABELS[p.role]}</td>
                  <td className="px-4 py-2">{!p.active ? "Deactivated" : p.hasPassword ? "Active" : "Invited"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <TablePager label="Pages of people" page={page} pageCount={pageCount} href={pageHref} />
    </>
  );
}
