import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listForAdministrator } from "@/lib/review/panels";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";

export const metadata: Metadata = { title: "Review panels" };

export default async function AdminReviewsPage() {
  await requirePermission("admin.reviews");
  const rows = await listForAdministrator(await getDb());
  const waiting = rows.filter((r) => r.status === "submitted");
  const others = rows.filter((r) => r.status !== "submitted");
  const table = (list: typeof rows, caption: string) => (
    <div className="overflow-x-auto rounded-lg border border-gray-300 bg-white">
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
    </div>
  );
  return (
    <>
      <PageHeader title="Review panels" description="Every submitted attestation needs a panel: at least one platform reviewer and one government auditor, one of them the lead, and a due date." />
      <h2 className="mb-2 text-lg font-semibold">Waiting for a panel</h2>
      {waiting.length ? table(waiting, "Submissions waiting for a panel") : <EmptyState title="No submission is waiting for a panel." />}
      <h2 className="mb-2 mt-8 text-lg font-semibold">With a panel</h2>
      {others.length ? table(others, "Submissions with a panel") : <EmptyState title="No panels yet." />}
    </>
  );
}
