import type { Metadata } from "next";
import { formatDate, formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { publicSummary } from "@/lib/reports/queries";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DomainScores } from "@/components/reports/domain-scores";
import { ResultBadge } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Report summary" };
export const dynamic = "force-dynamic";

/** The public summary: only the columns publicSummary() selects; nothing about evidence. */
export default async function PublicReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const s = await publicSummary(await getDb(), reportId);
  if (!s) notFound();
  const zone = await readerTimeZone();
  return (
    <>
      <PageHeader title={`${s.vendorName}: ${s.productName}`} description={`${s.frameworkLabel}, ${formatPeriod(s.periodStart, s.periodEnd)}.`} />
      {s.successor ? (
        <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
          This summary is superseded by a later review of the same attestation.{" "}
          {s.successor.public ? (
            <Link href={`/public/reports/${s.successor.id}`} className="font-semibold text-brand-700 underline">
              Read the current summary
            </Link>
          ) : (
            "The vendor has not made the current one public."
          )}
        </p>
      ) : null}
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-muted">Outcome</dt>
            <dd data-testid="public-outcome">
              <ResultBadge result={s.result} /> overall {Number(s.overall).toFixed(2)} of 4
            </dd>
          </div>
          <div>
            <dt className="text-muted">Published</dt>
            <dd>
              {formatDate(s.publishedAt, zone)} · revision {s.revision}
            </dd>
          </div>
        </dl>
      </Card>
      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Domain scores</h2>
        <div className="mt-2">
          <DomainScores domains={s.domainScores} />
        </div>
      </Card>
      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Submission digest</h2>
        <p className="mt-1 font-mono text-sm break-all" data-testid="public-digest">
          {s.submissionDigest}
        </p>
        <p className="mt-2 text-sm">
          The SHA-256 of the vendor&apos;s signed submission in canonical JSON (RFC 8785). It fixes every answer and every evidence file the panel reviewed; ask
          the vendor for the submission to check it. The evidence itself is not public.
        </p>
      </Card>
    </>
  );
}
