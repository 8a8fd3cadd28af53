import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getReport } from "@/lib/reports/queries";
import { liveRemediation } from "@/lib/reports/live";
import { PageHeader } from "@/components/ui/page-header";
import { ReportView } from "@/components/reports/report-view";
import { ExportLinks } from "@/components/reports/export-links";
import { ObjectHistory } from "@/components/audit/object-history";
import { loadObjectHistory } from "@/lib/transparency/history";
import { can } from "@/lib/auth/permissions";
import { formatDate, formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Report" };

export default async function ReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const actor = await requirePermission("portal.use");
  const { reportId } = await params;
  const db = await getDb();
  const view = await getReport(db, actor, reportId);
  if (!view) notFound();
  const { meta, document: doc } = view;
  const live = await liveRemediation(db, meta.attestationId);
  const zone = await readerTimeZone();
  // Observers reading the observer edition do not see the report's history.
  const history = view.tier === "full" || can(actor.role, "audit.read") ? await loadObjectHistory(db, actor, "report", meta.id) : null;
  return (
    <>
      <PageHeader
        title={`${meta.vendorName}: ${meta.productName}`}
        description={`${meta.frameworkLabel}, ${formatPeriod(meta.periodStart, meta.periodEnd)}. ${view.tier === "full" ? "Full edition: includes confidential evidence details; do not pass it on." : "Observer edition: evidence the vendor kept confidential is counted, not listed."}`}
      />
      {view.successor ? (
        <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3" data-testid="superseded">
          This report is superseded: revision {view.successor.revision} of the same attestation was reviewed and published on{" "}
          {formatDate(meta.supersededAt, zone)}.{" "}
          <Link href={`/reports/${view.successor.id}`} className="font-semibold text-brand-700 underline">
            Read the current report
          </Link>
          .
        </p>
      ) : null}
      {view.predecessors.length ? (
        <p className="mb-4 text-sm">
          Earlier reports on this attestation:{" "}
          {view.predecessors.map((p, i) => (
            <span key={p.id}>
              {i ? ", " : ""}
              <Link href={`/reports/${p.id}`} className="text-brand-700 underline">
                revision {p.revision}
              </Link>
            </span>
          ))}
          .
        </p>
      ) : null}
      <ReportView
        doc={doc}
        live={live}
        exports={<ExportLinks reportId={meta.id} digest={view.digest} revision={meta.revision} tier={view.tier} hasRemediation={doc.remediation.length > 0} />}
      />
      {view.tier === "full" ? (
        <p className="mt-4 text-sm">
          <a className="text-brand-700 underline" href={`/api/receipts/report/${meta.id}`} download>
            Download the transparency-log receipt
          </a>{" "}
          — proves this report, with the digest above, was recorded in the portal&apos;s signed log. Check it offline with{" "}
          <code>npm run verify-receipt -- receipt.json</code>.
        </p>
      ) : null}
      {history ? <ObjectHistory history={history} /> : null}
    </>
  );
}
