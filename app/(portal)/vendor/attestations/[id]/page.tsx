import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { scopeOf } from "@/lib/review/access";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { getSubmission, listRevisions, loadWorkspace } from "@/lib/attestations/queries";
import { getWithdrawal } from "@/lib/attestations/withdrawals";
import { countOpenClarifications } from "@/lib/review/clarifications";
import { ATTESTATION_KIND_LABELS } from "@/lib/validations/vendor";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { WithdrawalNotice } from "@/components/vendor/withdrawal";
import { AttestationEditor } from "./attestation-editor";
import { SubmittedAnswers } from "./submitted-answers";
import { WithdrawForm } from "./withdraw-form";
import { reviewForVendor } from "@/lib/review/remediation";
import { ReviewSection } from "./review/review-section";
import { reportOfAttestation } from "@/lib/reports/publish";
import { ObjectHistory } from "@/components/audit/object-history";
import { loadObjectHistory } from "@/lib/transparency/history";
import { formatDate, formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Attestation" };
export const dynamic = "force-dynamic";

export default async function AttestationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ control?: string | string[] }>;
}) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  const { control } = await searchParams;
  const db = await getDb();
  const ws = await loadWorkspace(db, actor.organisationId, id);
  if (!ws) notFound();
  const { attestation: a, controls, answers, links, requirements } = ws;
  const zone = await readerTimeZone();
  const today = todayIso();
  const draft = a.status === "draft";
  const [submission, withdrawal, revisions, review, openQuestions] = await Promise.all([
    draft ? null : getSubmission(db, scopeOf(actor), a.id),
    a.status === "withdrawn" ? getWithdrawal(db, actor.organisationId, a.id) : null,
    listRevisions(db, actor.organisationId, a.lineageId),
    draft ? null : reviewForVendor(db, actor.organisationId, a.id),
    a.status === "in_review" ? countOpenClarifications(db, actor, a.id) : null,
  ]);
  const [report, history] = await Promise.all([
    a.status === "published" ? reportOfAttestation(db, a.id) : null,
    loadObjectHistory(db, actor, "attestation", a.id),
  ]);
  const latest = revisions.every((r) => r.revision <= a.revision);
  const mayWithdraw = (a.status === "submitted" || a.status === "in_review") && latest && can(actor.role, "vendor.submit");
  return (
    <>
      <PageHeader
        title={`${a.product.name}: ${a.frameworkTitle} ${a.frameworkVersion}`}
        description={
          <>
            {ATTESTATION_KIND_LABELS[a.kind]} for {formatPeriod(a.periodStart, a.periodEnd)}, revision {a.revision}.{" "}
            <AttestationStatusBadge status={a.status} />
          </>
        }
        actions={
          <>
            <Link href={`/vendor/attestations/${a.id}/submit`} className={buttonClass()}>
              {draft ? "Check and submit" : "Submission"}
            </Link>
            {a.revision > 1 ? (
              <Link href={`/vendor/attestations/${a.id}/compare`} className={buttonClass("secondary")}>
                Compare revisions
              </Link>
            ) : null}
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
          Submitted by {submission.signerName} on {formatDate(submission.signedAt, zone)}. Submission digest{" "}
          <code className="break-all">{submission.digest}</code>.{" "}
          <Link href={`/vendor/attestations/${a.id}/verify`} className="underline">
            Verify it
          </Link>
          . It can no longer be edited.
          {mayWithdraw ? (
            <>
              {" "}
              If it no longer holds,{" "}
              <a href="#withdraw" className="underline">
                withdraw it
              </a>
              .
            </>
          ) : null}
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
              {" "}
              or{" "}
              <Link href={`/vendor/attestations/${a.id}/submit`} className="text-brand-700 underline">
                start a remediation revision
              </Link>{" "}
              for the panel to review again
            </>
          ) : null}
          .
        </p>
      ) : null}
      {review ? <ReviewSection review={review} status={a.status} officer={can(actor.role, "vendor.submit")} today={today} zone={zone} /> : null}
      {withdrawal ? <WithdrawalNotice withdrawal={withdrawal} attestationId={a.id} productName={a.product.name} /> : null}
      {draft ? (
        <AttestationEditor
          attestationId={a.id}
          controls={controls}
          answers={Object.fromEntries(answers)}
          links={Object.fromEntries(
            [...links].map(([k, items]) => [k, items.map((e) => ({ id: e.id, title: e.title, kind: e.kind, validUntil: e.validUntil, status: e.status }))]),
          )}
          today={today}
          zone={zone}
          requirements={requirements}
          initialControlId={typeof control === "string" ? control : null}
        />
      ) : (
        <SubmittedAnswers controls={controls} answers={answers} links={links} today={today} />
      )}
      {mayWithdraw ? <WithdrawForm attestationId={a.id} productName={a.product.name} /> : null}
      {draft || a.status === "withdrawn" ? null : (
        <p className="mt-6 text-sm">
          <a className="text-brand-700 underline" href={`/api/receipts/submission/${a.id}`} download>
            Download the transparency-log receipt of the signed submission
          </a>{" "}
          — proves the submission digest was recorded in the portal&apos;s signed log; check it offline with <code>npm run verify-receipt -- receipt.json</code>
          .
        </p>
      )}
      <ObjectHistory history={history} />
    </>
  );
}
