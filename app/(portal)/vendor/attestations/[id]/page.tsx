import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { scopeOf } from "@/lib/review/access";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { progressByDomain, todayIso } from "@/lib/attestations/completeness";
import { getSubmission, listRevisions, loadWorkspace } from "@/lib/attestations/queries";
import { getWithdrawal } from "@/lib/attestations/withdrawals";
import { countOpenClarifications } from "@/lib/review/clarifications";
import { ATTESTATION_KIND_LABELS, STATUS_LABELS } from "@/lib/validations/vendor";
import { PageHeader } from "@/components/ui/page-header";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { buttonClass } from "@/components/ui/button";
import { AttestationStatusBadge, ExpiryFlag } from "@/components/vendor/badges";
import { WithdrawalNotice } from "@/components/vendor/withdrawal";
import { AnswerCard } from "./answer-card";
import { WithdrawForm } from "./withdraw-form";
import { reviewForVendor } from "@/lib/review/remediation";
import { ReviewSection } from "./review/review-section";
import { reportOfAttestation } from "@/lib/reports/publish";
import { ObjectHistory } from "@/components/audit/object-history";

export const metadata: Metadata = { title: "Attestation" };
export const dynamic = "force-dynamic";

export default async function AttestationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  const db = await getDb();
  const ws = await loadWorkspace(db, actor.organisationId, id);
  if (!ws) notFound();
  const { attestation: a, controls, answers, links } = ws;
  const today = todayIso();
  const draft = a.status === "draft";
  const [submission, withdrawal, revisions, review, openQuestions] = await Promise.all([
    draft ? null : getSubmission(db, scopeOf(actor), a.id),
    a.status === "withdrawn" ? getWithdrawal(db, actor.organisationId, a.id) : null,
    listRevisions(db, actor.organisationId, a.lineageId),
    draft ? null : reviewForVendor(db, actor.organisationId, a.id),
    a.status === "in_review" ? countOpenClarifications(db, actor, a.id) : null,
  ]);
  const report = a.status === "published" ? await reportOfAttestation(db, a.id) : null;
  const latest = revisions.every((r) => r.revision <= a.revision);
  const mayWithdraw = (a.status === "submitted" || a.status === "in_review") && latest && can(actor.role, "vendor.submit");
  const progress = progressByDomain(controls, answers, links);
  const domains = [...new Set(controls.map((c) => c.domainKey))];
  return (
    <>
      <PageHeader
        title={`${a.product.name}: ${a.frameworkTitle} ${a.frameworkVersion}`}
        description={<>{ATTESTATION_KIND_LABELS[a.kind]} for {a.periodStart} to {a.periodEnd}, revision {a.revision}. <AttestationStatusBadge status={a.status} /></>}
        actions={
          <>
            <Link href={`/vendor/attestations/${a.id}/submit`} className={buttonClass()}>{draft ? "Check and submit" : "Submission"}</Link>
            {a.revision > 1 ? <Link href={`/vendor/attestations/${a.id}/compare`} className={buttonClass("secondary")}>Compare revisions</Link> : null}
            {draft ? null : (
              <Link href={`/vendor/attestations/${a.id}/questions`} className={buttonClass(openQuestions ? "primary" : "secondary")}>
                Questions from the review panel{openQuestions === null ? "" : ` (${openQuestions} open)`}
              </Link>
            )}
          </>
        }
      />
      {submission ? (
        <p className="mb-4 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-sm">
          Submitted by {submission.signerName} on {submission.signedAt.toISOString().slice(0, 10)}. Submission digest <code className="break-all">{submission.digest}</code>.{" "}
          <Link href={`/vendor/attestations/${a.id}/verify`} className="underline">Verify it</Link>. It can no longer be edited.
          {mayWithdraw ? <> If it no longer holds, <a href="#withdraw" className="underline">withdraw it</a>.</> : null}
        </p>
      ) : null}
      {a.status === "decided" ? (
        <p className="mb-4 rounded border border-brand-600 bg-brand-50 p-3">
          The panel&apos;s decision is final.{" "}
          <Link href={`/vendor/attestations/${a.id}/report`} className="font-semibold text-brand-700 underline">
            Preview the report
          </Link>{" "}
          before the panel&apos;s lead publishes it, and add your public response.
        </p>
      ) : null}
      {report ? (
        <p className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          The report on this revision is published.{" "}
          <Link href={`/reports/${report.id}`} className="font-semibold text-brand-700 underline">
            Read the published report
          </Link>
          {can(actor.role, "vendor.submit") && latest ? (
            <>
              {" "}or{" "}
              <Link href={`/vendor/attestations/${a.id}/submit`} className="text-brand-700 underline">
                start a remediation revision
              </Link>{" "}
              for the panel to review again
            </>
          ) : null}
          .
        </p>
      ) : null}
      {review ? <ReviewSection review={review} status={a.status} officer={can(actor.role, "vendor.submit")} today={today} /> : null}
      {withdrawal ? <WithdrawalNotice withdrawal={withdrawal} attestationId={a.id} productName={a.product.name} /> : null}
      <section aria-labelledby="progress-h" className="mb-6 rounded-lg border border-gray-300 bg-white p-4">
        <h2 id="progress-h" className="mb-2 text-lg font-semibold">Progress</h2>
        <ScrollRegion label="Progress by domain">
        <table className="w-full min-w-[28rem] text-left text-sm">
          <caption className="sr-only">Answered controls and missing evidence per domain</caption>
          <thead><tr><th scope="col" className="py-1 pr-4">Domain</th><th scope="col" className="py-1 pr-4">Answered</th><th scope="col" className="py-1">Must controls without evidence</th></tr></thead>
          <tbody>
            {progress.map((d) => (
              <tr key={d.key} className="border-t border-gray-200">
                <th scope="row" className="py-1 pr-4 font-normal"><a href={`#domain-${d.key}`} className="underline">{d.title}</a></th>
                <td className="py-1 pr-4 whitespace-nowrap">{d.answered} / {d.applicable}</td>
                <td className="py-1">{d.missingEvidence.length === 0 ? "None" : d.missingEvidence.map((m) => <a key={m.id} href={`#control-${m.controlId}`} className="mr-2 underline">{m.controlId}</a>)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </ScrollRegion>
      </section>
      {domains.map((key) => {
        const inDomain = controls.filter((c) => c.domainKey === key);
        return (
          <section key={key} id={`domain-${key}`} aria-labelledby={`domain-${key}-h`} className="mb-8">
            <h2 id={`domain-${key}-h`} className="mb-3 text-xl font-semibold">{inDomain[0]?.domainTitle}</h2>
            <div className="space-y-4">
              {inDomain.map((c) =>
                draft ? (
                  <AnswerCard key={c.id} attestationId={a.id} control={c} initial={answers.get(c.id) ?? null} linked={(links.get(c.id) ?? []).map((e) => ({ id: e.id, title: e.title, kind: e.kind, validUntil: e.validUntil, status: e.status }))} today={today} />
                ) : (
                  <div key={c.id} id={`control-${c.controlId}`} className="rounded-lg border border-gray-300 bg-white p-4 text-sm">
                    <h3 className="font-semibold">{c.controlId} {c.title}</h3>
                    <p>Status: {answers.get(c.id)?.status ? STATUS_LABELS[answers.get(c.id)!.status!] : "—"}; maturity {answers.get(c.id)?.maturity ?? "—"}</p>
                    <p className="whitespace-pre-wrap">{answers.get(c.id)?.narrative}</p>
                    <ul>{(links.get(c.id) ?? []).map((e) => <li key={e.id}>{e.title} <ExpiryFlag validUntil={e.validUntil} today={today} /></li>)}</ul>
                  </div>
                ),
              )}
            </div>
          </section>
        );
      })}
      {mayWithdraw ? <WithdrawForm attestationId={a.id} productName={a.product.name} /> : null}
      {draft || a.status === "withdrawn" ? null : (
        <p className="mt-6 text-sm">
          <a className="text-brand-700 underline" href={`/api/receipts/submission/${a.id}`} download>
            Download the transparency-log receipt of the signed submission
          </a>{" "}
          — proves the submission digest was recorded in the portal&apos;s signed log; check it offline with <code>npm run verify-receipt -- receipt.json</code>.
        </p>
      )}
      <ObjectHistory type="attestation" id={a.id} />
    </>
  );
}
