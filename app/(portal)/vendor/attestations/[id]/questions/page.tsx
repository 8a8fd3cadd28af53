import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { getClarificationSubject, listClarifications } from "@/lib/review/clarifications";
import { STATE_LABELS } from "@/lib/review/transitions";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { ClarificationsByControl } from "@/components/review/clarifications-by-control";

export const metadata: Metadata = { title: "Questions from the review panel" };
export const dynamic = "force-dynamic";

export default async function VendorQuestionsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  const db = await getDb();
  // Scoped to the caller's organisation: another vendor's attestation is not found.
  const subject = await getClarificationSubject(db, actor, id);
  if (!subject) notFound();
  const threads = await listClarifications(db, actor, subject.id);
  const inReview = subject.status === "in_review";
  const officer = can(actor.role, "vendor.submit");
  const waiting = threads.filter((t) => t.status === "open").length;
  const back = (
    <Link href={`/vendor/attestations/${subject.id}`} className="underline">
      Back to the attestation
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Questions from the review panel"
        description={
          <>
            {subject.productName}: {subject.frameworkTitle} {subject.frameworkVersion}, revision {subject.revision}. {STATE_LABELS[subject.status]}. {back}
          </>
        }
      />
      {subject.status === "draft" ? (
        <EmptyState title="Not submitted yet">The review panel can ask questions once the attestation is signed, submitted and in review.</EmptyState>
      ) : threads.length === 0 ? (
        <EmptyState title="The review panel has not asked any questions.">
          {inReview ? "When a panel member asks about a control, the question appears here and your compliance officers are notified." : null}
        </EmptyState>
      ) : (
        <>
          <div className="mb-4 max-w-prose space-y-2 text-sm">
            {inReview ? (
              <p className="font-semibold">
                {waiting === 0
                  ? "No question is waiting for your answer."
                  : `${waiting} ${waiting === 1 ? "question is" : "questions are"} waiting for your answer.`}
              </p>
            ) : null}
            {inReview && officer ? (
              <p>
                An answer can attach one current item of your evidence vault. Answering does not change your signed submission and does not create a revision.
              </p>
            ) : null}
            {inReview && !officer ? <p>You can read the questions. Only a compliance officer of your organisation can answer them.</p> : null}
            {!inReview ? <p>Questions can be answered only while the attestation is in review. They are kept here as they were.</p> : null}
          </div>
          <ClarificationsByControl
            side="vendor"
            attestationId={subject.id}
            controls={subject.controls}
            threads={threads}
            canWrite={inReview && officer}
            today={todayIso()}
          />
        </>
      )}
    </>
  );
}
