import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { isUuid } from "@/lib/ids";
import { todayIso } from "@/lib/attestations/completeness";
import { catalogFor, listPanelScores, myScorecard, openForPanel, rolloutFindingsFor, type CatalogInfo } from "@/lib/review/scoring";
import { rationaleRequired } from "@/lib/review/outcome";
import { count, formatBytes, formatDate, labelOf } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { EVIDENCE_KIND_LABELS } from "@/lib/validations/catalog";
import { SEVERITY_LABELS } from "@/lib/validations/rollouts";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ExpiryFlag } from "@/components/vendor/badges";
import { ScoreForm, SubmitScorecard, ScoreKeys } from "./score-form";
import { listClarifications } from "@/lib/review/clarifications";
import { ClarificationThreads } from "@/components/review/clarification-thread";

export const metadata: Metadata = { title: "Scoring" };

const STATUS: Record<string, string> = { implemented: "Implemented", partial: "Partly implemented", planned: "Planned", not_applicable: "Not applicable" };
const PREVIEWABLE = /\.(pdf|png|jpe?g|txt|text|log|csv|json)$/i;

export default async function ScorePage({ params, searchParams }: { params: Promise<{ attestationId: string }>; searchParams: Promise<{ control?: string }> }) {
  const actor = await requirePermission("review.use");
  const { attestationId } = await params;
  const { control: wanted } = await searchParams;
  if (!isUuid(attestationId)) notFound();
  const db = await getDb();
  const a = await openForPanel(db, actor, attestationId);
  if (!a) notFound();
  const card = await myScorecard(db, actor.userId, a.id);
  if (!card) notFound();
  const controls = a.snapshot.controls;
  const [info, findings, panel] = await Promise.all([
    catalogFor(
      db,
      controls.map((c) => c.id),
    ) as Promise<Map<string, CatalogInfo>>,
    rolloutFindingsFor(db, a.organisationId, controls),
    listPanelScores(db, actor, a.id),
  ]);
  const index = Math.max(
    0,
    controls.findIndex((c) => c.id === wanted),
  );
  const current = controls[index]!;
  const threads = await listClarifications(db, actor, a.id, { controlId: current.id });
  const mine = card.scores.get(current.id);
  const today = todayIso();
  const stateOf = (id: string) => {
    const s = card.scores.get(id);
    if (!s || s.score === null) return s?.rescore ? "re-score" : "unscored";
    return s.carriedFrom ? `${s.score}, carried over` : String(s.score);
  };
  const href = (i: number) => `/review/${a.id}/score?control=${controls[i]!.id}`;
  const nextUnscored = controls.findIndex((c, i) => i > index && (card.scores.get(c.id)?.score ?? null) === null);
  const firstUnscored = controls.findIndex((c) => (card.scores.get(c.id)?.score ?? null) === null);
  const unscoredTarget = nextUnscored >= 0 ? nextUnscored : firstUnscored;
  const ci = info.get(current.id);
  const scoredCount = controls.filter((c) => (card.scores.get(c.id)?.score ?? null) !== null).length;
  const editable = !card.submittedAt && a.status === "in_review";
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/review/${a.id}`} className="text-brand-700 underline">
          {a.organisationName}: {a.productName}
        </Link>
      </p>
      <PageHeader
        title={`Scoring: ${current.controlId} ${current.title}`}
        description={`${scoredCount} of ${controls.length} controls scored.${card.submittedAt ? " Your scorecard is submitted." : ""}`}
      />
      <ScoreKeys
        prev={index > 0 ? href(index - 1) : null}
        next={index < controls.length - 1 ? href(index + 1) : null}
        unscored={unscoredTarget >= 0 && unscoredTarget !== index ? href(unscoredTarget) : null}
      />
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <nav aria-label="Controls" className="order-2 lg:order-1">
          <ol className="max-h-[70vh] overflow-y-auto rounded-lg border border-gray-300 bg-white text-sm">
            {controls.map((c, i) => (
              <li key={c.id} className="border-b border-gray-200 last:border-0">
                <Link
                  href={href(i)}
                  aria-current={i === index ? "page" : undefined}
                  className={`flex justify-between gap-2 px-3 py-2 ${i === index ? "bg-brand-50 font-semibold" : ""}`}
                >
                  <span>
                    {c.controlId}
                    {c.must ? <span className="ml-1 text-xs">(must)</span> : null}
                  </span>
                  <span className="text-muted">{stateOf(c.id)}</span>
                </Link>
              </li>
            ))}
          </ol>
        </nav>
        <div className="order-1 space-y-4 lg:order-2">
          <div className="flex flex-wrap gap-2 text-sm">
            {index > 0 ? (
              <Link href={href(index - 1)} className="underline">
                ← Previous ([)
              </Link>
            ) : null}
            {index < controls.length - 1 ? (
              <Link href={href(index + 1)} className="underline">
                Next (]) →
              </Link>
            ) : null}
            {unscoredTarget >= 0 && unscoredTarget !== index ? (
              <Link href={href(unscoredTarget)} className="underline">
                Next unscored (u)
              </Link>
            ) : null}
          </div>
          <Card>
            <h2 className="text-lg font-semibold">Requirement</h2>
            <p className="text-sm text-muted">
              {ci?.domainTitle} · weight {ci?.weight ?? 1}
              {current.must ? " · must-control: a 0 here means the attestation does not meet the principles" : ""}
            </p>
            <p className="mt-2 whitespace-pre-line">{ci?.statement}</p>
            {ci?.reviewerGuidance ? (
              <p className="mt-2 text-sm whitespace-pre-line">
                <span className="font-semibold">Guidance for reviewers: </span>
                {ci.reviewerGuidance}
              </p>
            ) : null}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">The vendor&apos;s answer</h2>
            <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
              <dt className="font-semibold">Status</dt>
              <dd>{current.status ? STATUS[current.status] : "Not answered"}</dd>
              <dt className="font-semibold">Self-assessment</dt>
              <dd>{current.maturity ?? "—"}</dd>
              {current.targetDate ? (
                <>
                  <dt className="font-semibold">Target date</dt>
                  <dd>{current.targetDate}</dd>
                </>
              ) : null}
            </dl>
            {current.narrative ? <p className="mt-2 whitespace-pre-line">{current.narrative}</p> : null}
            {current.justification ? (
              <p className="mt-2 text-sm whitespace-pre-line">
                <span className="font-semibold">Justification: </span>
                {current.justification}
              </p>
            ) : null}
            {current.plan ? (
              <p className="mt-2 text-sm whitespace-pre-line">
                <span className="font-semibold">Plan: </span>
                {current.plan}
              </p>
            ) : null}
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Evidence</h2>
            {current.evidence.length === 0 ? <p className="text-sm">No evidence is linked to this control.</p> : null}
            <ul className="divide-y divide-gray-200">
              {current.evidence.map((e) => {
                const rf = findings.get(e.id);
                const url = `/api/review/${a.id}/evidence/${e.id}?version=${e.version ?? 0}`;
                return (
                  <li key={e.id} className="py-2 text-sm">
                    <p className="font-semibold">{e.title}</p>
                    <p className="text-muted">
                      {labelOf(EVIDENCE_KIND_LABELS, e.kind)}
                      {e.fileName ? ` · ${e.fileName}` : ""}
                      {e.size ? ` · ${formatBytes(e.size)}` : ""}
                      {e.version ? ` · version ${e.version}` : ""}
                      {e.evidenceDate ? ` · dated ${formatDate(e.evidenceDate)}` : ""}
                    </p>
                    <ExpiryFlag validUntil={e.validUntil} today={today} />
                    {e.sha256 ? <p className="font-mono text-xs break-all">SHA-256 {e.sha256}</p> : null}
                    {e.sha256 ? (
                      <p className="mt-1 flex gap-3">
                        <a href={url} className="text-brand-700 underline">
                          Download
                        </a>
                        {e.fileName && PREVIEWABLE.test(e.fileName) ? (
                          <a href={`${url}&inline=1`} target="_blank" rel="noopener" className="text-brand-700 underline">
                            Preview in a new tab
                          </a>
                        ) : null}
                      </p>
                    ) : null}
                    {e.url ? <p className="break-all">Link: {e.url}</p> : null}
                    {rf ? (
                      <div className="mt-1">
                        <p>
                          Release {rf.releaseId} ({rf.version}):{" "}
                          {rf.findings.length === 0 ? "no machine findings" : count(rf.findings.length, "machine finding")}
                        </p>
                        <ul className="list-disc pl-5">
                          {rf.findings.map((f) => (
                            <li key={f.key}>
                              <span className="font-semibold">{SEVERITY_LABELS[f.severity]}:</span> {f.title}: {f.explanation}
                            </li>
                          ))}
                        </ul>
                      </div>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          </Card>
          <Card>
            <ClarificationThreads
              side="panel"
              attestationId={a.id}
              controlId={current.id}
              threads={threads}
              controlLabel={current.controlId}
              canWrite={a.status === "in_review"}
              headingLevel={2}
              zone={await readerTimeZone()}
            />
          </Card>
          <Card>
            <h2 className="text-lg font-semibold">Your score</h2>
            {mine?.rescore ? (
              <p className="mb-2 rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm">
                The vendor changed this control in revision {a.revision}: score it again.
              </p>
            ) : null}
            {mine?.carriedFrom ? (
              <p className="mb-2 text-sm text-muted">Carried over from revision {mine.carriedFrom}: the vendor did not change this control.</p>
            ) : null}
            <ScoreForm
              key={current.id}
              attestationId={a.id}
              controlId={current.id}
              rubric={(ci?.rubric ?? []) as string[]}
              selfAssessment={current.maturity}
              initial={{ score: mine?.score ?? null, rationale: mine?.rationale ?? "", version: mine?.version ?? 0 }}
              editable={editable}
              nextHref={unscoredTarget >= 0 && unscoredTarget !== index ? href(unscoredTarget) : index < controls.length - 1 ? href(index + 1) : null}
              needsRationaleAt={[0, 1, 2, 3, 4].filter((s) => rationaleRequired(s, current.maturity))}
            />
          </Card>
          {card.submittedAt ? (
            <Card>
              <h2 className="text-lg font-semibold">The panel&apos;s scores</h2>
              {panel.filter((p) => p.controlId === current.id).length <= 1 ? (
                <p className="text-sm">The other members have not submitted their scorecards yet.</p>
              ) : null}
              <ul className="text-sm">
                {panel
                  .filter((p) => p.controlId === current.id && p.userId !== actor.userId)
                  .map((p) => (
                    <li key={p.userId}>
                      {p.name}: {p.score ?? "—"} {p.rationale ? `— ${p.rationale}` : ""}
                    </li>
                  ))}
              </ul>
            </Card>
          ) : editable ? (
            <Card>
              <h2 className="text-lg font-semibold">Submit your scorecard</h2>
              <p className="mb-3 text-sm">
                You can submit once every control is scored. Until you do, you cannot see the other members&apos; scores, and they cannot see yours.
              </p>
              <SubmitScorecard attestationId={a.id} ready={scoredCount === controls.length} remaining={controls.length - scoredCount} />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
