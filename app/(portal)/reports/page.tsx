import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Reports" };

export default async function ReportsLanding() {
  await requirePermission("reports.read");
  return (
    <>
      <PageHeader
        title="Published reports"
        description="Decided attestations are published here, with ecosystem-wide figures. Confidential evidence is never shown: reports include only what vendors marked as publishable."
      />
      <Card>
        <EmptyState title="No reports have been published yet.">A report appears here when a review panel reaches a decision and publishes it.</EmptyState>
      </Card>
    </>
  );
}
