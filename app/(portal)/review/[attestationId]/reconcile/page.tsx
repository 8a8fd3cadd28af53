import type { Metadata } from "next";
import { formatDate, formatDateTime, labelOf } from "@/lib/format";
import { REMEDIATION_STATUS_LABELS } from "@/lib/validations/review";
import { readerTimeZone } from "@/lib/format/reader-zone";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { isUuid } from "@/lib/ids";
import { openForPanel } from "@/lib/review/scoring";
import { loadReconciliation } from "@/lib/review/decision";
import { RESULT_LABELS, OUTCOME_RULES } from "@/lib/review/outcome";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import {
  CommentForm,
  ConsensusForm,
  ControlSection,
  CosignButton,
  FindingForm,
  PublishReportButton,
  RemediationReviewForm,
  SignDecisionForm,
} from "./reconcile-forms";
import { preparationOf, previewEndsAt, reportOfAttestation } from "@/lib/reports/publish";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Reconciliation" };

const fmt = (n: number | null) => (n === null ? "—" : n.toFixed(3));

export default async function ReconcilePage({ params }: { params: Promise<{ attestationId: string }> }) {
  const actor = await requirePermission("review.use");
  const { attestationId } = await params;
  if (!isUuid(attestationId)) notFound();
  const db = await getDb();
  const a = await openForPanel(db, actor, attestationId);
  if (!a) notFound();
  const r = await loadReconciliation(db, actor, a);
  const isLead = a.relation === "lead";
  // Publication: the report once published; before, what the vendor has said (no document is built here).
  const [report, preparation, zone] = await Promise.all([
    a.status === "published" ? reportOfAttestation(db, a.id) : null,
    a.status === "decided" ? preparationOf(db, a.id) : null,
    readerTimeZone(),
  ]);
  const back = (
    <p className="mb-2 text-sm">
      <Link href={`/review/${a.id}`} className="text-brand-700 underline">
        {a.organisationName}: {a.productName}
      </Link>
    </p>
  );
  if (!r) {
    return (
      <>
        {back}
        <PageHeader title="Reconciliation" />
        <EmptyState title="Submit your own scorecard first.">
          The panel&apos;s scores stay hidden from each member until they have submitted their own.
        </EmptyState>
      </>
    );
  }
  const open = a.status === "reconciliation";
  const flaggedCount = r.rows.filter((x) => x.flagged).length;
  return (
    <>
      {back}
      <PageHeader
        title="Reconciliation"
        description={
          <>
            Revision {a.revision}. <AttestationStatusBadge status={a.status} />{" "}
            {flaggedCount
              ? `${flaggedCount} ${flaggedCount === 1 ? "control has" : "controls have"} a spread of 2 or more and ${flaggedCount === 1 ? "is" : "are"} flagged for discussion.`
              : "No control has a spread of 2 or more."}
          </>
        }
      />
      <Card className="mb-4">
        <h2 className="mb-2 text-lg font-semibold">Inter-rater agreement</h2>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[18rem_1fr]">
          <dt className="font-semibold">Raters · controls with two or more scores</dt>
          <dd>
            {r.agreement.raters} · {r.agreement.pairableUnits} of {r.agreement.units}
          </dd>
          <dt className="font-semibold">Krippendorff&apos;s alpha (ordinal)</dt>
          <dd data-testid="alpha">{fmt(r.agreement.alphaOrdinal)}</dd>
          <dt className="font-semibold">Cohen&apos;s kappa, linear weights</dt>
          <dd>{r.agreement.raters === 2 ? fmt(r.agreement.kappaLinear) : "only for two raters"}</dd>
          <dt className="font-semibold">Cohen&apos;s kappa, quadratic weights</dt>
          <dd>{r.agreement.raters === 2 ? fmt(r.agreement.kappaQuadratic) : "only for two raters"}</dd>
        </dl>
        <p className="mt-2 text-xs text-muted">
          1 is perfect agreement, 0 is what chance alone would give; values below 0.667 are usually read as too unreliable to draw conclusions from without
          discussion.
        </p>
      </Card>
      <ScrollRegion label="Scores by control and panel member" className="mb-4 rounded-lg border border-gray-300 bg-white">
        <table className="w-full min-w-[40rem] text-left text-sm">
          <caption className="sr-only">Scores by control and panel member</caption>
          <thead className="bg-gray-100">
            <tr>
              <th scope="col" className="px-3 py-2">
                Control
              </th>
              <th scope="col" className="px-3 py-2">
                Vendor
              </th>
              {r.raters.map((x) => (
                <th key={x.userId} scope="col" className="px-3 py-2">
                  {x.name}
                </th>
              ))}
              <th scope="col" className="px-3 py-2">
                Mean
              </th>
              <th scope="col" className="px-3 py-2">
                Spread
              </th>
              <th scope="col" className="px-3 py-2">
                Consensus
              </th>
            </tr>
          </thead>
          <tbody>
            {r.rows.map((row) => (
              <tr key={row.controlId} className={`border-t border-gray-200 ${row.flagged ? "bg-amber-50" : ""}`}>
                <th scope="row" className="px-3 py-2 font-normal">
                  <a href={`#c-${row.controlId}`} className="text-brand-700 underline">
                    {row.controlKey}
                  </a>
                  {row.must ? " (must)" : ""}
                  {row.flagged ? <span className="ml-1 rounded border border-amber-700 px-1 text-xs font-semibold">Discuss</span> : null}
                </th>
                <td className="px-3 py-2">{row.selfAssessment ?? "—"}</td>
                {row.scores.map((s) => (
                  <td key={s.userId} className="px-3 py-2">
                    {s.score ?? "—"}
                  </td>
                ))}
                <td className="px-3 py-2">{row.mean === null ? "—" : row.mean.toFixed(2)}</td>
                <td className="px-3 py-2">{row.spread}</td>
                <td className="px-3 py-2 font-semibold">{row.consensus?.score ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {r.critical.length ? (
        <Card className="mb-4">
          <h2 className="mb-2 text-lg font-semibold">Critical rollout findings</h2>
          <p className="mb-2 text-sm">Each critical machine finding caps the result at “does not meet” until the panel records how it was addressed.</p>
          <ul className="divide-y divide-gray-200">
            {r.critical.map((f) => (
              <li key={`${f.recordId}-${f.key}`} className="py-2 text-sm">
                <p>
                  <span className="font-semibold">{f.title}</span> ({f.recordTitle}): {f.explanation}
                </p>
                {f.disposition ? (
                  <p className="text-green-800">Addressed: {f.disposition.note}</p>
                ) : isLead && open ? (
                  <FindingForm attestationId={a.id} rolloutRecordId={f.recordId} findingKey={f.key} />
                ) : (
                  <p className="text-red-800">Not addressed.</p>
                )}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <h2 className="mb-2 text-lg font-semibold">Controls</h2>
      <div className="space-y-3">
        {r.rows.map((row) => (
          <ControlSection
            key={row.controlId}
            id={`c-${row.controlId}`}
            initiallyOpen={row.flagged && !row.consensus}
            forms={
              open ? (
                <>
                  <CommentForm attestationId={a.id} controlId={row.controlId} />
                  {isLead && !r.decision ? <ConsensusForm attestationId={a.id} controlId={row.controlId} current={row.consensus} mean={row.mean} /> : null}
                </>
              ) : null
            }
          >
            <summary className="cursor-pointer font-semibold">
              {row.controlKey} {row.title} · spread {row.spread}
              {row.consensus ? ` · consensus ${row.consensus.score}` : ""}
            </summary>
            <ul className="mt-2 text-sm">
              {row.scores.map((s) => (
                <li key={s.userId}>
                  <span className="font-semibold">{s.name}</span>: {s.score ?? "—"}
                  {s.rationale ? ` — ${s.rationale}` : ""}
                </li>
              ))}
            </ul>
            {row.comments.length ? (
              <ul className="mt-2 border-l-2 border-gray-300 pl-3 text-sm">
                {row.comments.map((c, i) => (
                  <li key={i}>
                    <span className="font-semibold">{c.authorName}</span> ({formatDateTime(c.at, zone)}): {c.body}
                  </li>
                ))}
              </ul>
            ) : null}
            {row.consensus?.note ? <p className="mt-2 text-sm">Consensus note: {row.consensus.note}</p> : null}
          </ControlSection>
        ))}
      </div>
      <Card className="mt-4">
        <h2 className="mb-2 text-lg font-semibold">Outcome</h2>
        {r.outcome.complete ? (
          <>
            <p className="text-lg" data-testid="outcome">
              {RESULT_LABELS[r.outcome.result]} · overall {r.outcome.overall.toFixed(2)}
            </p>
            <ul className="mt-1 text-sm">
              {r.outcome.domains.map((d) => (
                <li key={d.domain}>
                  {d.title}: {d.weightedMean.toFixed(2)}
                </li>
              ))}
            </ul>
            {r.outcome.reasons.length ? (
              <ul className="mt-2 list-disc pl-5 text-sm">
                {r.outcome.reasons.map((x) => (
                  <li key={x}>{x}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <p>
            {r.outcome.missing.length} {r.outcome.missing.length === 1 ? "control has" : "controls have"} no consensus score yet.
          </p>
        )}
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer">How the result is worked out</summary>
          <ul className="list-disc pl-5">
            {OUTCOME_RULES.map((rule) => (
              <li key={rule.id}>{rule.text}</li>
            ))}
          </ul>
        </details>
        {r.decision ? (
          <div className="mt-4 border-t border-gray-200 pt-3 text-sm">
            <p className="font-semibold">
              Decision signed by the lead on {formatDateTime(r.decision.signedAt, zone)}: {RESULT_LABELS[r.decision.result as keyof typeof RESULT_LABELS]}
            </p>
            <p className="whitespace-pre-line">{r.decision.summary}</p>
            {r.remediation.length ? (
              <ul id="remediation" className="mt-2 divide-y divide-gray-200">
                {r.remediation.map((m) => (
                  <li key={m.id} className="py-2">
                    <p>
                      <span className="font-semibold">{r.rows.find((x) => x.controlId === m.controlId)?.controlKey}</span>: {m.action}
                    </p>
                    <p className="text-muted">
                      Due {formatDate(m.dueDate)} · {labelOf(REMEDIATION_STATUS_LABELS, m.status)}
                    </p>
                    {m.vendorNote ? <p>Vendor&apos;s note: {m.vendorNote}</p> : null}
                    {m.evidenceItemId && m.evidenceVersion ? (
                      <p>
                        <a href={`/api/review/${a.id}/evidence/${m.evidenceItemId}?version=${m.evidenceVersion}`} className="text-brand-700 underline">
                          Download the evidence sent with it
                        </a>
                      </p>
                    ) : null}
                    {m.reviewNote ? <p>Lead&apos;s note: {m.reviewNote}</p> : null}
                    {isLead && m.status === "closed" && (a.status === "decided" || a.status === "published") ? <RemediationReviewForm itemId={m.id} /> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            {r.decision.cosignedAt ? (
              <p className="mt-2">Co-signed on {formatDateTime(r.decision.cosignedAt, zone)}.</p>
            ) : actor.role === "gov_auditor" && r.decision.signedBy !== actor.userId && open ? (
              <CosignButton attestationId={a.id} />
            ) : (
              <p className="mt-2">Waiting for a government auditor of the panel, other than the lead, to co-sign.</p>
            )}
          </div>
        ) : open && isLead && r.outcome.complete ? (
          <SignDecisionForm
            attestationId={a.id}
            result={r.outcome.result}
            controls={r.rows.map((x) => ({ id: x.controlId, label: `${x.controlKey} ${x.title}` }))}
          />
        ) : null}
      </Card>
      {r.decision?.cosignedAt && (a.status === "decided" || a.status === "published") ? (
        <Card className="mt-4">
          <h2 id="publication" className="text-lg font-semibold">
            Publication
          </h2>
          {report ? (
            <p className="mt-1">
              The report is published.{" "}
              <Link href={`/reports/${report.id}`} className="font-semibold text-brand-700 underline">
                Read the published report
              </Link>
              .
            </p>
          ) : preparation && r.decision?.cosignedAt ? (
            <>
              <p className="mt-1 text-sm">
                {preparation.readyAt
                  ? `The vendor read the preview and said on ${formatDate(preparation.readyAt, zone)} that the report may be published.`
                  : `The vendor has until ${formatDateTime(previewEndsAt(r.decision.cosignedAt), zone)} to preview the report and add a public response; until then it can be published only once the vendor says it is ready.`}{" "}
                {preparation.vendorResponse ? "The vendor has written a public response." : "The vendor has not written a public response."}{" "}
                {preparation.publicSummary ? "The vendor allows a public summary." : "The vendor has not allowed a public summary."}
              </p>
              <p className="mt-1 text-sm">
                <Link href={`/review/${a.id}/report`} className="text-brand-700 underline">
                  Preview the report
                </Link>
              </p>
              {isLead ? <PublishReportButton attestationId={a.id} /> : <p className="mt-1 text-sm">The panel&apos;s lead publishes the report.</p>}
            </>
          ) : null}
        </Card>
      ) : null}
    </>
  );
}
