import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listForAdministrator } from "@/lib/review/panels";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { TablePager } from "@/components/rollouts/table-pager";
import { ADMIN_PAGE_SIZE, parseAdminReviewsQuery } from "@/lib/validations/admin";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Review panels" };

type Rows = Awaited<ReturnType<typeof listForAdministrator>>["rows"];

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.reviews");
  const requested = parseAdminReviewsQuery(await searchParams);
  const db = await getDb();
  // Thousands of submissions at scale: each section is paged on its own.
  const section = async (waiting: boolean, requestedPage: number) => {
    let page = requestedPage;
    let list = await listForAdministrator(db, { waiting, limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(list.total / ADMIN_PAGE_SIZE));
    if (page > pageCount) {
      page = pageCount;
      list = await listForAdministrator(db, { waiting, limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
    }
    return { ...list, page, pageCount };
  };
  const [waiting, others] = await Promise.all([section(true, requested.waiting), section(false, requested.panels)]);
  const href = (key: "waiting" | "panels", p: number) => {
    const pages = { waiting: waiting.page, panels: others.page, [key]: p };
    const query = new URLSearchParams(Object.entries(pages).filter(([, n]) => n > 1).map(([k, n]) => [k, String(n)])).toString();
    return query ? `/admin/reviews?${query}` : "/admin/reviews";
  };
  const table = (list: Rows, caption: string) => (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="px-4 py-2">Vendor and product</th>
            <th scope="col" className="px-4 py-2">Framework</th>
            <th scope="col" className="px-4 py-2">Signed</th>
            <th scope="col" className="px-4 py-2">State</th>
            <th scope="col" className="px-4 py-2">Due</th>
          </tr>
        </thead>
        <tbody>
          {list.map((r) => (
            <tr key={r.id} className="border-t border-gray-200">
              <td className="px-4 py-2">
                <Link href={`/admin/reviews/${r.id}`} className="text-brand-700 underline">
                  {r.organisationName}: {r.productName}
                </Link>
                <span className="block text-xs text-muted">Revision {r.revision}</span>
              </td>
              <td className="px-4 py-2">
                {r.frameworkTitle} {r.frameworkVersion}
              </td>
              <td className="px-4 py-2">{r.signedAt.toISOString().slice(0, 10)}</td>
              <td className="px-4 py-2">
                <AttestationStatusBadge status={r.status} />
              </td>
              <td className="px-4 py-2">{r.dueDate ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
  return (
    <>
      <PageHeader title="Review panels" description="Every submitted attestation needs a panel: at least one platform reviewer and one government auditor, one of them the lead, and a due date." />
      <h2 className="mb-2 text-lg font-semibold">Waiting for a panel</h2>
      {waiting.rows.length ? table(waiting.rows, "Submissions waiting for a panel") : <EmptyState title="No submission is waiting for a panel." />}
      <TablePager label="Pages of submissions waiting for a panel" page={waiting.page} pageCount={waiting.pageCount} href={(p) => href("waiting", p)} />
      <h2 className="mb-2 mt-8 text-lg font-semibold">With a panel</h2>
      {others.rows.length ? table(others.rows, "Submissions with a panel") : <EmptyState title="No panels yet." />}
      <TablePager label="Pages of submissions with a panel" page={others.page} pageCount={others.pageCount} href={(p) => href("panels", p)} />
    </>
  );
}
