import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reviews" };

export default async function ReviewLanding() {
  const actor = await requirePermission("review.use");
  const who = actor.role === "gov_auditor" ? "government auditor" : "platform reviewer";
  return (
    <>
      <PageHeader
        title="Reviews"
        description={`As a ${who}, you score vendors' submitted attestations against the principles' rubrics, independently of the other reviewers, then reconcile and decide together.`}
      />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Assigned to you</h2>
        <EmptyState title="No submissions are assigned to you.">
          Submissions reach this list when an administrator places you on a review panel. Review panels open once vendors can submit attestations.
        </EmptyState>
      </Card>
    </>
  );
}
