import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { publicSummary } from "@/lib/reports/queries";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DomainScoresChart } from "@/components/reports/charts";
import { ResultBadge } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Report summary" };
export const dynamic = "force-dynamic";

/** The public summary: only the columns publicSummary() selects; nothing about evidence. */
export default async function PublicReportPage({ params }: { params: Promise<{ reportId: string }> }) {
  const { reportId } = await params;
  const s = await publicSummary(await getDb(), reportId);
  if (!s) notFound();
  const sorted = [...s.domainScores].sort((a, b) => b.score - a.score);
  const caption = sorted.length ? `Highest: ${sorted[0]!.title}, ${sorted[0]!.score.toFixed(2)} of 4. Lowest: ${sorted[sorted.length - 1]!.title}, ${sorted[sorted.length - 1]!.score.toFixed(2)} of 4.` : "";
  return (
    <>
      <PageHeader title={`${s.vendorName}: ${s.productName}`} description={`${s.frameworkLabel}, ${s.periodStart} to ${s.periodEnd}.`} />
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
              {s.publishedAt.toISOString().slice(0, 10)} · revision {s.revision}
            </dd>
          </div>
        </dl>
      </Card>
      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Domain scores</h2>
        <figure className="mt-2">
          <DomainScoresChart data={s.domainScores.map((d) => ({ label: d.title, score: d.score }))} title={`Domain scores out of 4. ${caption}`} />
          <figcaption className="mt-1 text-sm text-muted">{caption}</figcaption>
        </figure>
        <table className="mt-2 text-sm">
          <caption className="sr-only">Domain scores as a table</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-4">Domain</th>
              <th scope="col" className="py-1">Score (0–4)</th>
            </tr>
          </thead>
          <tbody>
            {s.domainScores.map((d) => (
              <tr key={d.key} className="border-t border-gray-200">
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  {d.title}
                </th>
                <td className="py-1 tabular-nums">{d.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Submission digest</h2>
        <p className="mt-1 break-all font-mono text-sm" data-testid="public-digest">
          {s.submissionDigest}
        </p>
        <p className="mt-2 text-sm">
          The SHA-256 of the vendor&apos;s signed submission in canonical JSON (RFC 8785). It fixes every answer and every evidence file the panel reviewed; ask the vendor for the submission to check it. The evidence itself is not public.
        </p>
      </Card>
    </>
  );
}
