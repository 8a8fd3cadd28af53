import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listForAdministrator } from "@/lib/review/panels";
import { PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { Pager } from "@/components/ui/pager";
import { DataTable } from "@/components/ui/data-table";
import { ADMIN_PAGE_SIZE, parseAdminReviewsQuery } from "@/lib/validations/admin";
import { formatDate } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Review panels" };

type Rows = Awaited<ReturnType<typeof listForAdministrator>>["rows"];

export default async function AdminReviewsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.reviews");
  const requested = parseAdminReviewsQuery(await searchParams);
  const db = await getDb();
  const zone = await readerTimeZone();
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
    const query = new URLSearchParams(
      Object.entries(pages)
        .filter(([, n]) => n > 1)
        .map(([k, n]) => [k, String(n)]),
    ).toString();
    return query ? `/admin/reviews?${query}` : "/admin/reviews";
  };
  const table = (list: Rows, caption: string, empty: string) => (
    <DataTable
      caption={caption}
      rows={list}
      rowKey={(r) => r.id}
      empty={{ reason: "none", title: empty }}
      tableClassName="min-w-[36rem]"
      columns={[
        {
          key: "vendor",
          header: "Vendor and product",
          cell: (r) => (
            <>
              <Link href={`/admin/reviews/${r.id}`} className="text-brand-700 underline">
                {r.organisationName}: {r.productName}
              </Link>
              <span className="block text-xs font-normal text-muted">Revision {r.revision}</span>
            </>
          ),
        },
        { key: "framework", header: "Framework", cell: (r) => `${r.frameworkTitle} ${r.frameworkVersion}` },
        { key: "signed", header: "Signed", cell: (r) => formatDate(r.signedAt, zone) },
        { key: "state", header: "State", cell: (r) => <AttestationStatusBadge status={r.status} /> },
        { key: "due", header: "Due", cell: (r) => formatDate(r.dueDate) },
      ]}
    />
  );
  return (
    <>
      <PageHeader
        title="Review panels"
        description="Every submitted attestation needs a panel: at least one platform reviewer and one government auditor, one of them the lead, and a due date."
      />
      <h2 className="mb-2 text-lg font-semibold">Waiting for a panel</h2>
      {table(waiting.rows, "Submissions waiting for a panel", "No submission is waiting for a panel.")}
      <Pager label="Pages of submissions waiting for a panel" page={waiting.page} pageCount={waiting.pageCount} href={(p) => href("waiting", p)} />
      <h2 className="mt-8 mb-2 text-lg font-semibold">With a panel</h2>
      {table(others.rows, "Submissions with a panel", "No panels yet.")}
      <Pager label="Pages of submissions with a panel" page={others.page} pageCount={others.pageCount} href={(p) => href("panels", p)} />
    </>
  );
}
