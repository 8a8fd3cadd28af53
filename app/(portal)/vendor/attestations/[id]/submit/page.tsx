import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { scopeOf } from "@/lib/review/access";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { findGaps, todayIso } from "@/lib/attestations/completeness";
import { getSubmission, listRevisions, loadWorkspace } from "@/lib/attestations/queries";
import { attestationStatement } from "@/lib/attestations/statement";
import { unsignedSnapshot } from "@/lib/attestations/snapshot";
import { summariseForSigning } from "@/lib/attestations/summary";
import { getWithdrawal } from "@/lib/attestations/withdrawals";
import { Card, PageHeader } from "@/components/ui/page-header";
import { WithdrawalNotice } from "@/components/vendor/withdrawal";
import { CreateRevisionButton, SignForm } from "./sign-form";
import { GapList } from "./gap-list";
import { SigningSummaryCard } from "./signing-summary";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Check and submit" };
export const dynamic = "force-dynamic";

export default async function SubmitPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  const db = await getDb();
  const ws = await loadWorkspace(db, actor.organisationId, id);
  if (!ws) notFound();
  const a = ws.attestation;
  const officer = can(actor.role, "vendor.submit");
  const back = (
    <Link href={`/vendor/attestations/${a.id}`} className="underline">
      Back to the answers
    </Link>
  );
  if (a.status !== "draft") {
    const [submission, revisions, withdrawal] = await Promise.all([
      getSubmission(db, scopeOf(actor), a.id),
      listRevisions(db, actor.organisationId, a.lineageId),
      getWithdrawal(db, actor.organisationId, a.id),
    ]);
    const latest = Math.max(...revisions.map((r) => r.revision));
    return (
      <>
        <PageHeader title={withdrawal ? "Withdrawn" : "Submitted"} description={back} />
        {withdrawal ? <WithdrawalNotice withdrawal={withdrawal} attestationId={a.id} productName={a.product.name} /> : null}
        {submission ? (
          <Card className="mb-4">
            <p>
              Signed by {submission.signerName}, {submission.signerTitle}, at {formatUtc(submission.signedAt)}.
            </p>
            <p className="mt-2">Submission digest (SHA-256 of the canonical snapshot):</p>
            <p>
              <code data-testid="digest" className="font-mono text-sm break-all">
                {submission.digest}
              </code>
            </p>
            <p className="mt-2">
              <Link href={`/vendor/attestations/${a.id}/verify`} className="underline">
                Verify the submission
              </Link>
            </p>
          </Card>
        ) : null}
        {officer && (a.status === "changes_requested" || a.status === "published") && latest === a.revision ? (
          <CreateRevisionButton attestationId={a.id} label={a.status === "published" ? "Start a remediation revision for the same panel" : undefined} />
        ) : null}
      </>
    );
  }
  const today = todayIso();
  const gaps = findGaps(ws.controls, ws.answers, ws.links, today, ws.requirements);
  const summary = summariseForSigning(unsignedSnapshot(ws), today);
  return (
    <>
      <PageHeader
        title="Check and submit"
        description={
          <>
            {a.product.name}, {a.frameworkTitle} {a.frameworkVersion}, revision {a.revision}. {back}
          </>
        }
      />
      <section aria-labelledby="gaps-h" className="mb-6">
        <h2 id="gaps-h" className="mb-2 text-lg font-semibold">
          Completeness check
        </h2>
        {gaps.length === 0 ? (
          <p className="rounded-md border-l-4 border-green-700 bg-green-50 p-3">Every applicable control is answered and evidenced. Nothing is missing.</p>
        ) : (
          <GapList attestationId={a.id} gaps={gaps} />
        )}
      </section>
      <section aria-labelledby="sign-h">
        <h2 id="sign-h" className="mb-2 text-lg font-semibold">
          Sign
        </h2>
        <SigningSummaryCard summary={summary} />
        {!officer ? (
          <p>Only a compliance officer can sign and submit. Tell your officer when the answers are ready.</p>
        ) : gaps.length ? (
          <p>Signing opens once the gaps above are fixed.</p>
        ) : (
          <SignForm attestationId={a.id} defaultName={actor.name} statement={attestationStatement(actor.organisationName, a.product.name)} />
        )}
      </section>
    </>
  );
}
