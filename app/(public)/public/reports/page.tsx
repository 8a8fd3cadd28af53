import type { Metadata } from "next";
import { formatDate, formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listPublicSummaries } from "@/lib/reports/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { ResultBadge } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Public report summaries" };
export const dynamic = "force-dynamic";

export default async function PublicReportsPage() {
  const [rows, zone] = await Promise.all([getDb().then((db) => listPublicSummaries(db)), readerTimeZone()]);
  return (
    <>
      <PageHeader
        title="Public report summaries"
        description="Security vendors attest how they ship updates: in phased rings with health gates, tested, able to pause and roll back. Independent panels of platform reviewers and government auditors score the evidence. These are the results vendors chose to make public."
      />
      <Card>
        {rows.length ? (
          <ul className="divide-y divide-gray-200">
            {rows.map((r) => (
              <li key={r.id} className="py-3">
                <Link href={`/public/reports/${r.id}`} className="font-semibold text-brand-700 underline">
                  {r.vendorName}: {r.productName}
                </Link>
                <p className="mt-1 text-sm">
                  {r.frameworkLabel}, {formatPeriod(r.periodStart, r.periodEnd)} · <ResultBadge result={r.result} /> · published{" "}
                  {formatDate(r.publishedAt, zone)}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="No public summaries yet.">A summary appears here when a report is published and its vendor allows it.</EmptyState>
        )}
      </Card>
    </>
  );
}
