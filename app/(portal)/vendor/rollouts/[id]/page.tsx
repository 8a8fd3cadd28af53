import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getRolloutRecord } from "@/lib/rollouts/store";
import { Card, PageHeader } from "@/components/ui/page-header";
import { SeverityBadge } from "@/components/rollouts/severity-badge";
import { TimelineChart } from "@/components/rollouts/timeline-chart";
import { TimelineTable } from "@/components/rollouts/timeline-table";
import { FindingsList } from "@/components/rollouts/findings-list";
import { AssumptionsList } from "@/components/rollouts/assumptions-list";
import { duration, formatDateTime, inSentence, listInSentence } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { CHANNEL_LABELS, TEST_KIND_LABELS } from "@/lib/validations/catalog";
import { AnalysisHistory } from "@/components/rollouts/analysis-history";
import { ReanalyseButton } from "@/components/rollouts/reanalyse-button";
import { listAnalysisHistory } from "@/lib/rollouts/history";
import { reanalyseRolloutAction } from "../actions";
import { KeyFigures, chartSummary } from "./key-figures";
import { AddToEvidenceButton } from "./add-to-evidence";

export const metadata: Metadata = { title: "Rollout record" };
export const dynamic = "force-dynamic";

export default async function RolloutPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ rings?: string; events?: string; assumptions?: string }>;
}) {
  const actor = await requirePermission("vendor.workspace");
  const db = await getDb();
  const r = await getRolloutRecord(db, actor.organisationId, (await params).id);
  const pages = await searchParams;
  if (!r) notFound();
  const [history, zone] = await Promise.all([listAnalysisHistory(db, actor.organisationId, r.id), readerTimeZone()]);
  const a = r.analysis;
  return (
    <>
      <PageHeader
        title={`${r.productName}: ${r.releaseId}`}
        description={
          <>
            {r.state === "open" ? (
              <>
                <strong>Open: the pipeline is still appending to this record.</strong>{" "}
              </>
            ) : null}
            Version {r.version} · channel: {inSentence(CHANNEL_LABELS[r.channel])}
            {r.kernelMode ? " · changes kernel-mode code" : ""} · released {formatDateTime(r.releasedAt, zone)} · worst finding{" "}
            <SeverityBadge severity={r.worstSeverity} />
          </>
        }
        actions={<AddToEvidenceButton id={r.id} />}
      />
      <div className="space-y-6">
        {a ? <KeyFigures analysis={a} /> : <p>No published framework version defines thresholds, so this record has not been analysed.</p>}
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Timeline</h2>
          <TimelineChart record={r.record} summary={chartSummary(r.record, a)} zone={zone} />
          <details className="mt-4" open>
            <summary className="cursor-pointer font-semibold">Timeline as tables</summary>
            <div className="mt-2">
              <TimelineTable
                record={r.record}
                analysis={a}
                ringsPage={Number(pages.rings ?? 1)}
                eventsPage={Number(pages.events ?? 1)}
                basePath={`/vendor/rollouts/${r.id}`}
                zone={zone}
              />
            </div>
          </details>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Findings</h2>
          <FindingsList findings={a?.findings ?? []} />
        </Card>
        <Card>
          <AnalysisHistory zone={zone} entries={history} action={<ReanalyseButton id={r.id} action={reanalyseRolloutAction} />} />
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Tests before release</h2>
          {r.record.tests.length === 0 ? (
            <p>No tests were recorded.</p>
          ) : (
            <ul className="list-disc pl-5 text-sm">
              {r.record.tests.map((t, i) => (
                <li key={i}>
                  {TEST_KIND_LABELS[t.kind]}: {t.passed ? "passed" : "failed"}
                  {t.evidenceUrl ? (
                    <>
                      {" "}
                      (
                      <a className="underline" href={t.evidenceUrl} rel="noreferrer">
                        evidence
                      </a>
                      )
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {a?.missingTestKinds.length ? (
            <p className="mt-2 text-sm">
              Missing for {inSentence(CHANNEL_LABELS[r.channel])}: {listInSentence(a.missingTestKinds.map((k) => TEST_KIND_LABELS[k]))}.
            </p>
          ) : null}
          <p className="mt-2 text-sm">
            Customer control: ring opt-in {r.record.customerControl.ringOptIn ? "yes" : "no"}, N-1 pinning{" "}
            {r.record.customerControl.nMinusOnePinning ? "yes" : "no"}, delay{" "}
            {r.record.customerControl.delayHours === null ? "none" : duration(r.record.customerControl.delayHours * 60)}.
          </p>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Assumptions</h2>
          <AssumptionsList
            assumptions={a?.assumptions ?? []}
            page={Number(pages.assumptions ?? 1)}
            href={(n) => `/vendor/rollouts/${r.id}${n > 1 ? `?assumptions=${n}` : ""}#assumptions`}
          />
          {r.record.notes ? <p className="mt-2 text-sm whitespace-pre-line">Notes: {r.record.notes}</p> : null}
        </Card>
      </div>
    </>
  );
}
