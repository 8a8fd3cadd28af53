import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { QUEUE_PAGE, listQueuePage, type QueueItem } from "@/lib/review/panels";
import { Pager } from "@/components/ui/pager";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Reviews" };

/** A page number from the address, 1 when it is missing or not one. */
function pageParam(raw: string | string[] | undefined): number {
  return typeof raw === "string" && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
}

export default async function ReviewLanding({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("review.use");
  const auditor = actor.role === "gov_auditor";
  const params = await searchParams;
  const db = await getDb();
  const [open, closed] = await Promise.all([
    listQueuePage(db, actor, "open", pageParam(params.page)),
    listQueuePage(db, actor, "closed", pageParam(params.done)),
  ]);
  // Each pager keeps the other list's page.
  const href = (openPage: number, closedPage: number) => {
    const q = new URLSearchParams();
    if (openPage > 1) q.set("page", String(openPage));
    if (closedPage > 1) q.set("done", String(closedPage));
    const s = q.toString();
    return s ? `/review?${s}` : "/review";
  };
  return (
    <>
      <PageHeader
        title="Reviews"
        description={
          auditor
            ? "As a government auditor on a review panel, you score vendors' submitted attestations with the other members, and you co-sign the panel's decision when someone else leads it."
            : "As a platform reviewer on a review panel, you score vendors' submitted attestations with the other members; the panel's lead also decides and publishes the report."
        }
      />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Under review, soonest due first</h2>
        {open.items.length === 0 ? (
          <EmptyState title="No review under way is assigned to you.">
            Submissions reach this list when an administrator places you on a review panel.
          </EmptyState>
        ) : (
          <QueueList items={open.items} />
        )}
        <Pager
          label="Pages of the reviews under way"
          page={open.page}
          pageCount={open.pageCount}
          href={(p) => href(p, closed.page)}
          total={open.pageCount > 1 ? open.total : undefined}
          from={(open.page - 1) * QUEUE_PAGE + 1}
          to={(open.page - 1) * QUEUE_PAGE + open.items.length}
          noun={["assignment", "assignments"]}
        />
      </Card>
      <Card className="mt-6">
        <h2 className="mb-1 text-lg font-semibold">Finished reviews, latest due first</h2>
        <p className="mb-3 text-sm text-muted">Panels you sat on whose report is published or whose attestation was withdrawn.</p>
        {closed.items.length === 0 ? (
          <EmptyState title="No finished reviews yet.">A review moves here when its report is published or the vendor withdraws the attestation.</EmptyState>
        ) : (
          <QueueList items={closed.items} finished />
        )}
        <Pager
          label="Pages of the finished reviews"
          page={closed.page}
          pageCount={closed.pageCount}
          href={(p) => href(open.page, p)}
          total={closed.pageCount > 1 ? closed.total : undefined}
          from={(closed.page - 1) * QUEUE_PAGE + 1}
          to={(closed.page - 1) * QUEUE_PAGE + closed.items.length}
          noun={["review", "reviews"]}
        />
      </Card>
      <Card className="mt-6">
        <h2 className="mb-3 text-lg font-semibold">How a review goes</h2>
        <ol className="list-decimal space-y-2 pl-5 text-sm">
          <li>
            An administrator places you on a panel. Before you see the submission, declare whether you have a conflict of interest; a declared conflict takes
            you off the panel.
          </li>
          <li>
            Score each control against its rubric (the scoring guide each control has in the catalog), with the vendor&apos;s answer, the evidence exactly as
            signed and the findings on linked rollout records beside it. Scoring is blind: you see the other members&apos; scores only after submitting your
            own.
          </li>
          <li>
            Ask the vendor questions about any control while you score; the vendor&apos;s compliance officer answers in the portal, without a new revision. The
            lead can instead ask for changes, and the vendor submits a revision: controls that did not change keep their scores.
          </li>
          <li>
            When every scorecard is in, the lead compares the scores, agrees a final score per control with the panel, and signs the decision.{" "}
            {auditor ? "You, or another government auditor on the panel," : "A government auditor on the panel"} co-signs it.
          </li>
          <li>
            The lead publishes the report once the vendor&apos;s compliance officer says it is ready, or seven days after the decision is co-signed. A decision
            that &ldquo;meets with conditions&rdquo; lists remediation items: the vendor closes each with evidence and the lead accepts or reopens it.
          </li>
        </ol>
      </Card>
    </>
  );
}

/** One list of the queue; a finished review shows no pending declaration and its due date in the past tense. */
function QueueList({ items, finished = false }: { items: QueueItem[]; finished?: boolean }) {
  return (
    <ul className="divide-y divide-gray-200">
      {items.map((q) => (
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
            {q.conflict === "pending" && !finished ? (
              <span className="rounded border border-amber-700 bg-amber-50 px-2 py-0.5 text-xs font-semibold">Declare conflicts first</span>
            ) : null}
            {q.conflict === "none" && q.status === "in_review" ? (
              <span>{q.scorecardSubmitted ? "Scorecard submitted" : `${q.scored} of ${q.total} scored`}</span>
            ) : null}
            <span className={q.overdue ? "rounded border border-red-700 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800" : ""}>
              {q.overdue ? `Overdue since ${formatDate(q.dueDate)}` : `${finished ? "Was due" : "Due"} ${formatDate(q.dueDate)}`}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}
