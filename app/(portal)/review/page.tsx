import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listQueue } from "@/lib/review/panels";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewLanding() {
  const actor = await requirePermission("review.use");
  const who = actor.role === "gov_auditor" ? "government auditor" : "platform reviewer";
  const queue = await listQueue(await getDb(), actor);
  return (
    <>
      <PageHeader
        title="Reviews"
        description={`As a ${who}, you score vendors' submitted attestations against the principles' rubrics, independently of the other reviewers, then reconcile and decide together.`}
      />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Assigned to you, soonest due first</h2>
        {queue.length === 0 ? (
          <EmptyState title="No submissions are assigned to you.">Submissions reach this list when an administrator places you on a review panel.</EmptyState>
        ) : (
          <ul className="divide-y divide-gray-200">
            {queue.map((q) => (
              <li key={q.attestationId} className="flex flex-col gap-1 py-3 sm:flex-row sm:items-center sm:justify-between">
                <div>
                  <Link href={`/review/${q.attestationId}`} className="font-semibold text-brand-700 underline">
                    {q.organisationName}: {q.productName}
                  </Link>
                  <span className="block text-sm text-muted">
                    {q.frameworkTitle}, revision {q.revision}
                    {q.isLead ? " · you lead this panel" : ""}
                  </span>
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm">
                  <AttestationStatusBadge status={q.status} />
                  {q.conflict === "pending" ? <span className="rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs font-semibold">Declare conflicts first</span> : null}
                  {q.conflict === "none" && q.status === "in_review" ? <span>{q.scorecardSubmitted ? "Scorecard submitted" : `${q.scored} of ${q.total} scored`}</span> : null}
                  <span className={q.overdue ? "rounded border border-red-700 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800" : ""}>
                    {q.overdue ? `Overdue since ${q.dueDate}` : `Due ${q.dueDate}`}
                  </span>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
