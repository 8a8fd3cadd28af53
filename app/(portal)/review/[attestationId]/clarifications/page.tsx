import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getClarificationSubject, listClarifications } from "@/lib/review/clarifications";
import { STATE_LABELS } from "@/lib/review/transitions";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { AskClarificationForm } from "@/components/review/clarification-forms";
import { ClarificationsByControl } from "@/components/review/clarifications-by-control";

export const metadata: Metadata = { title: "Questions to the vendor" };
export const dynamic = "force-dynamic";

export default async function PanelClarificationsPage({ params }: { params: Promise<{ attestationId: string }> }) {
  const actor = await requirePermission("review.use");
  const { attestationId } = await params;
  const db = await getDb();
  // Scoped: only panel members who declared no conflict see the attestation at all.
  const subject = await getClarificationSubject(db, actor, attestationId);
  if (!subject) notFound();
  const threads = await listClarifications(db, actor, subject.id);
  const canWrite = subject.status === "in_review";
  const count = (s: string) => threads.filter((t) => t.status === s).length;
  return (
    <>
      <PageHeader
        title="Questions to the vendor"
        description={`${subject.productName}: ${subject.frameworkTitle} ${subject.frameworkVersion}, revision ${subject.revision}. ${STATE_LABELS[subject.status]}.`}
      />
      {threads.length ? (
        <p className="mb-4 text-sm">
          {threads.length} {threads.length === 1 ? "question" : "questions"}: {count("open")} waiting for the vendor, {count("answered")} answered and waiting
          for the panel, {count("resolved")} resolved.
        </p>
      ) : null}
      {canWrite ? (
        <Card className="mb-6">
          <h2 className="text-lg font-semibold">Ask a new question</h2>
          <p className="text-sm text-muted">Ask about one control of the signed submission. The vendor answers here; it does not create a new revision.</p>
          <AskClarificationForm attestationId={subject.id} controls={subject.controls} label="a control of your choice" />
        </Card>
      ) : (
        <p className="mb-6 rounded-md border-l-4 border-gray-600 bg-gray-50 p-3 text-sm">
          Questions can be asked, answered and resolved only while the attestation is in review. It is now: {STATE_LABELS[subject.status].toLowerCase()}. The
          questions below are kept as they were.
        </p>
      )}
      {threads.length === 0 ? (
        <EmptyState title="No questions have been asked on this attestation.">
          {canWrite ? "Questions you or other panel members ask appear here, grouped by control." : null}
        </EmptyState>
      ) : (
        <ClarificationsByControl side="panel" attestationId={subject.id} controls={subject.controls} threads={threads} canWrite={canWrite} />
      )}
    </>
  );
}
