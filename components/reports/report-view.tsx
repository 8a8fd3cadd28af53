import { ROLE_LABELS } from "@/lib/auth/roles";
import { REMEDIATION_STATUS_LABELS } from "@/lib/validations/review";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/page-header";
import { RESULT_LABELS, type OutcomeResult } from "@/lib/review/outcome";
import type { ReportDocument } from "@/lib/reports/document";
import { EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor";
import { DomainScores } from "./domain-scores";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDate, formatPeriod } from "@/lib/format";

const STATUS_LABELS = REMEDIATION_STATUS_LABELS;

export function ResultBadge({ result }: { result: string }) {
  const tone =
    result === "meets"
      ? "border-green-800 bg-green-50 text-green-900"
      : result === "meets_with_conditions"
        ? "border-amber-800 bg-amber-50 text-amber-900"
        : "border-red-800 bg-red-50 text-red-900";
  return <span className={`inline-block rounded border px-2 py-0.5 text-sm font-semibold ${tone}`}>{RESULT_LABELS[result as OutcomeResult] ?? result}</span>;
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card className="mt-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className="mt-2">{children}</div>
    </Card>
  );
}

const fmt = (n: number | null, digits = 2) => (n === null ? "not computed" : n.toFixed(digits));

/**
 * A published report (or a preview of one) in the tier it was loaded in. The
 * document decides what is shown: an observer-tier document has no
 * confidential evidence to show. `live` gives remediation statuses as they are now.
 */
export function ReportView({
  doc,
  live,
  exports,
  preview,
}: {
  doc: ReportDocument;
  live?: Map<string, { status: string }>;
  exports?: ReactNode;
  preview?: boolean;
}) {
  const domainTitle = new Map(doc.domains.map((d) => [d.key, d.title]));
  const worst = doc.rollouts.records.flatMap((r) =>
    r.findings.filter((f) => f.severity === "critical" || f.severity === "major").map((f) => ({ ...f, releaseId: r.releaseId })),
  );
  return (
    <>
      <Card>
        <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-muted">Vendor</dt>
            <dd className="font-semibold">{doc.vendor.name}</dd>
          </div>
          <div>
            <dt className="text-muted">Product</dt>
            <dd className="font-semibold">
              {doc.product.name}
              {doc.product.kernelMode ? " (kernel-mode components)" : ""}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Framework version</dt>
            <dd>
              {doc.framework.title} {doc.framework.version}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Period</dt>
            <dd>{formatPeriod(doc.period.start, doc.period.end)}</dd>
          </div>
          <div>
            <dt className="text-muted">Outcome</dt>
            <dd data-testid="report-outcome">
              <ResultBadge result={doc.outcome.result} /> <span className="ml-1">overall {doc.outcome.overall.toFixed(2)} of 4</span>
            </dd>
          </div>
          <div>
            <dt className="text-muted">{preview ? "Decided" : "Published"}</dt>
            <dd>
              {formatDate(preview ? doc.outcome.decidedAt : doc.report.publishedAt)} · revision {doc.report.revision}
            </dd>
          </div>
        </dl>
        {exports ? <div className="mt-4 border-t border-gray-200 pt-3">{exports}</div> : null}
      </Card>

      <nav aria-label="Report sections" className="mt-4 text-sm">
        <ul className="flex flex-wrap gap-x-4 gap-y-1">
          {[
            ["outcome", "Outcome"],
            ["panel", "Panel"],
            ["domains", "Domain scores"],
            ["controls", "Control scores"],
            ["agreement", "Agreement"],
            ["findings", "Key findings"],
            ["remediation", "Remediation"],
            ["evidence", "Evidence"],
            ["verify", "Verification"],
          ].map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`} className="text-brand-700 underline">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <Section id="outcome" title="Outcome">
        <p>{doc.outcome.summary}</p>
        {doc.outcome.reasons.length ? (
          <>
            <p className="mt-2 font-semibold">Why the result is below “meets the principles”:</p>
            <ul className="ml-5 list-disc">
              {doc.outcome.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p className="mt-2 text-sm text-muted">
          Signed by the panel&apos;s lead on {formatDate(doc.outcome.decidedAt)}
          {doc.outcome.cosignedAt ? `, co-signed by a government auditor on ${formatDate(doc.outcome.cosignedAt)}` : ""}.
        </p>
        {doc.vendorResponse ? (
          <blockquote className="mt-3 border-l-4 border-gray-300 pl-3">
            <p className="text-sm font-semibold">The vendor&apos;s response (the vendor&apos;s words, not the panel&apos;s)</p>
            <p className="whitespace-pre-line">{doc.vendorResponse}</p>
          </blockquote>
        ) : null}
      </Section>

      <Section id="panel" title="Review panel">
        <ul className="ml-5 list-disc">
          {doc.panel.map((p, i) => (
            <li key={i}>
              {p.organisation}: {ROLE_LABELS[p.role]}
              {p.lead ? " (lead)" : ""}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="domains" title="Domain scores">
        <DomainScores domains={doc.domains} note="Scores are weighted means of the panel's consensus scores, 0 to 4." />
      </Section>

      <Section id="controls" title="Control scores">
        <ScrollRegion label="Control scores table">
          {/* Minimum widths: on a phone the table scrolls sideways instead of stacking each cell a word per line. */}
          <table className="w-full min-w-[46rem] text-sm">
            <caption className="sr-only">The panel&apos;s consensus score for each control and what the rubric says it means</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="min-w-[14rem] py-1 pr-3">
                  Control
                </th>
                <th scope="col" className="min-w-[9rem] py-1 pr-3">
                  Domain
                </th>
                <th scope="col" className="py-1 pr-3">
                  Score
                </th>
                <th scope="col" className="min-w-[18rem] py-1">
                  What the score means
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.controls.map((c) => (
                <tr key={c.id} className="border-t border-gray-200 align-top">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    <span className="font-mono text-xs">{c.controlId}</span> {c.title}
                    {c.must ? <span className="ml-1 text-xs text-muted">(must)</span> : null}
                  </th>
                  <td className="py-1 pr-3">{domainTitle.get(c.domain) ?? c.domain}</td>
                  <td className="py-1 pr-3 tabular-nums">{c.score}</td>
                  <td className="py-1">{c.rubric}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </Section>

      <Section id="agreement" title="Inter-rater agreement">
        <p>
          {doc.agreement.raters} reviewers scored independently before reconciling. Krippendorff&apos;s alpha (ordinal): {fmt(doc.agreement.alphaOrdinal)}
          {doc.agreement.kappaQuadratic !== null ? `; Cohen's kappa (quadratic weights): ${fmt(doc.agreement.kappaQuadratic)}` : ""}. Values near 1 mean the
          reviewers agreed before discussing; near 0, no better than chance.
        </p>
      </Section>

      <Section id="findings" title="Key findings">
        <p>
          Rollout records of {doc.rollouts.releases} {doc.rollouts.releases === 1 ? "release were" : "releases were"} checked by machine
          {doc.rollouts.releases ? `; ${doc.rollouts.canaryStaged} of ${doc.rollouts.releases} started with a canary ring` : ""}.
        </p>
        {worst.length ? (
          <ul className="mt-2 ml-5 list-disc">
            {worst.map((f, i) => (
              <li key={i}>
                <span className="font-semibold">{f.severity === "critical" ? "Critical" : "Major"}</span> ({f.releaseId}): {f.message}
              </li>
            ))}
          </ul>
        ) : doc.rollouts.releases ? (
          <p className="mt-2">No critical or major findings in the linked rollout records.</p>
        ) : null}
      </Section>

      <Section id="remediation" title="Remediation items">
        {doc.remediation.length ? (
          <ScrollRegion label="Remediation items table">
            <table className="w-full min-w-[40rem] text-sm">
              <caption className="sr-only">Conditions the vendor must meet, with due dates</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-3">
                    Control
                  </th>
                  <th scope="col" className="min-w-[18rem] py-1 pr-3">
                    Required action
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Due
                  </th>
                  <th scope="col" className="py-1">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {doc.remediation.map((m) => {
                  const now = live?.get(m.id)?.status as keyof typeof STATUS_LABELS | undefined;
                  return (
                    <tr key={m.id} className="border-t border-gray-200 align-top">
                      <td className="py-1 pr-3 font-mono text-xs">{m.controlId}</td>
                      <td className="py-1 pr-3">{m.action}</td>
                      <td className="py-1 pr-3 whitespace-nowrap">{formatDate(m.dueDate)}</td>
                      <td className="py-1">
                        {STATUS_LABELS[now ?? m.status]}
                        {now && now !== m.status ? ` (at publication: ${STATUS_LABELS[m.status].toLowerCase()})` : ""}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        ) : (
          <p>No conditions were set.</p>
        )}
      </Section>

      <Section id="evidence" title="Evidence">
        {doc.tier === "observer" ? (
          <p className="mb-2 text-sm text-muted">This edition lists only evidence the vendor classified as publishable.</p>
        ) : (
          <p className="mb-2 text-sm text-muted">
            You are seeing every item the panel reviewed. Items marked “reviewers only” are withheld from observers and from the public.
          </p>
        )}
        {doc.evidence.items.length ? (
          <ul className="divide-y divide-gray-200 text-sm" data-testid="report-evidence">
            {doc.evidence.items.map((e) => (
              <li key={e.id} className="py-2">
                <p className="font-semibold">{e.title}</p>
                <p className="text-muted">
                  {EVIDENCE_KIND_LABELS[e.kind as keyof typeof EVIDENCE_KIND_LABELS] ?? e.kind} ·{" "}
                  {e.classification === "publishable" ? "Publishable" : "Reviewers only"} · supports {e.controls.join(", ")}
                </p>
                {e.fileName ? <p className="break-all">File: {e.fileName}</p> : null}
                {e.url ? <p className="break-all">Address: {e.url}</p> : null}
                {e.sha256 ? <p className="font-mono text-xs break-all">SHA-256 {e.sha256}</p> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>No evidence is listed in this edition.</p>
        )}
        {doc.evidence.confidentialCount > 0 ? (
          <p className="mt-2" data-testid="confidential-count">
            {doc.evidence.confidentialCount === 1
              ? "1 confidential item was reviewed and is not listed."
              : `${doc.evidence.confidentialCount} confidential items were reviewed and are not listed.`}
          </p>
        ) : null}
      </Section>

      <Section id="verify" title="Verification">
        <p>The vendor signed the submission on {formatDate(doc.submission.signedAt)}. Its digest is:</p>
        <p className="mt-1 font-mono text-sm break-all" data-testid="submission-digest">
          {doc.submission.digest}
        </p>
        <p className="mt-2 text-sm">
          The digest is the SHA-256 of the signed submission written as canonical JSON (RFC 8785). It covers every answer and the SHA-256 of every evidence
          file, so changing any of them changes the digest. The vendor and the review panel can download the signed submission and recompute it; anyone else can
          compare this digest with the one the vendor publishes or gives them.
        </p>
        {!preview ? (
          <p className="mt-2 text-sm">
            <Link href="/catalog" className="text-brand-700 underline">
              The framework&apos;s principles and rubrics
            </Link>{" "}
            explain what each score means.
          </p>
        ) : null}
      </Section>
    </>
  );
}
