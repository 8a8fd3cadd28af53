import type { Metadata } from "next";
import { ObjectHistory } from "@/components/audit/object-history";
import { loadObjectHistory } from "@/lib/transparency/history";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatDateTime } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { isUuid } from "@/lib/ids";
import { invitedHeader, listMembers } from "@/lib/review/panels";
import { myScorecard, openForPanel } from "@/lib/review/scoring";
import { availableActions, STATE_LABELS } from "@/lib/review/transitions";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { ConflictForm, RequestChangesForm } from "./overview-forms";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewOverview({ params }: { params: Promise<{ attestationId: string }> }) {
  const actor = await requirePermission("review.use");
  const { attestationId } = await params;
  if (!isUuid(attestationId)) notFound();
  const db = await getDb();
  const a = await openForPanel(db, actor, attestationId);
  if (!a) {
    const invited = await invitedHeader(db, actor, attestationId);
    if (!invited) notFound();
    return (
      <>
        <PageHeader
          title={`${invited.organisationName}: ${invited.productName}`}
          description={`You have been placed on this review panel${invited.isLead ? " as its lead" : ""}; it is due on ${formatDate(invited.dueDate)}.`}
        />
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Declare conflicts of interest</h2>
          <p className="mb-4 max-w-prose text-sm">
            Before you see anything of this submission, say whether you have a conflict of interest with {invited.organisationName}: a financial interest, a
            recent employment or consulting relationship, a close personal relationship with its staff, or anything else that could be seen to affect your
            judgement. If you do, you leave the panel and the administrators are told so that they can appoint someone else.
          </p>
          <ConflictForm attestationId={invited.id} vendor={invited.organisationName} />
        </Card>
      </>
    );
  }
  const [card, members, history] = await Promise.all([
    myScorecard(db, actor.userId, a.id),
    listMembers(db, a.panelId),
    loadObjectHistory(db, actor, "attestation", a.id),
  ]);
  const scored = card ? [...card.scores.values()].filter((s) => s.score !== null).length : 0;
  const total = a.snapshot.controls.length;
  const zone = await readerTimeZone();
  const actions = availableActions(a.status, actor.role, a.relation);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/review" className="text-brand-700 underline">
          Reviews
        </Link>
      </p>
      <PageHeader
        title={`${a.organisationName}: ${a.productName}`}
        description={
          <>
            {a.frameworkTitle} {a.frameworkVersion}, revision {a.revision}. Due {formatDate(a.dueDate)}. <AttestationStatusBadge status={a.status} />
          </>
        }
      />
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Your scorecard</h2>
          {card ? (
            <>
              <p className="mb-3">{card.submittedAt ? `Submitted ${formatDateTime(card.submittedAt, zone)}.` : `${scored} of ${total} controls scored.`}</p>
              <Link href={`/review/${a.id}/score`} className={buttonClass()}>
                {card.submittedAt ? "See your scores" : scored ? "Continue scoring" : "Start scoring"}
              </Link>
            </>
          ) : (
            <p>You have no scorecard for this revision.</p>
          )}
          <p className="mt-3">
            <Link href={`/review/${a.id}/clarifications`} className="text-brand-700 underline">
              Questions to the vendor
            </Link>
          </p>
          {a.status === "reconciliation" || a.status === "decided" || a.status === "published" ? (
            <p className="mt-3">
              <Link href={`/review/${a.id}/reconcile`} className="text-brand-700 underline">
                Reconciliation and decision
              </Link>
            </p>
          ) : null}
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-semibold">Panel</h2>
          <ul className="text-sm">
            {members.map((m) => (
              <li key={m.userId}>
                {m.name}
                {m.isLead ? " (lead)" : ""} — {m.removedAt ? "left the panel" : m.conflict === "pending" ? "not yet declared" : "seated"}
              </li>
            ))}
          </ul>
          <p className="mt-2 text-sm text-muted">State: {STATE_LABELS[a.status]}.</p>
        </Card>
      </div>
      {actions.includes("request_changes") ? (
        <Card className="mt-4">
          <h2 className="mb-2 text-lg font-semibold">Request changes</h2>
          <p className="mb-3 max-w-prose text-sm">
            As lead, you can send the attestation back to the vendor. They submit a new revision; scores on controls they do not change carry over, and changed
            controls are marked for re-scoring.
          </p>
          <RequestChangesForm attestationId={a.id} />
        </Card>
      ) : null}
      <ObjectHistory history={history} />
    </>
  );
}
