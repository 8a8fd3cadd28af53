import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listRolloutRecords } from "@/lib/rollouts/store";
import { buttonClass } from "@/components/ui/button";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { RolloutTable } from "@/components/rollouts/rollout-table";

export const metadata: Metadata = { title: "Rollouts" };
export const dynamic = "force-dynamic";

export default async function RolloutsPage() {
  const actor = await requirePermission("vendor.workspace");
  const rows = await listRolloutRecords(await getDb(), actor.organisationId);
  return (
    <>
      <PageHeader
        title="Rollouts"
        description="How each release really shipped, ring by ring. Every record is checked against the thresholds of the current Safe Deployment Principles."
        actions={
          <>
            <Link href="/vendor/rollouts/new" className={buttonClass()}>Record a rollout</Link>
            <Link href="/vendor/rollouts/upload" className={buttonClass("secondary")}>Upload a file</Link>
            {can(actor.role, "vendor.tokens") ? <Link href="/vendor/rollouts/tokens" className={buttonClass("secondary")}>API tokens</Link> : null}
            <Link href="/vendor/rollouts/api" className={buttonClass("secondary")}>API reference</Link>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No rollouts recorded yet">
          Record one with the form, upload a JSON or CSV file, or send records from your deployment pipeline through the API.
        </EmptyState>
      ) : (
        <RolloutTable rows={rows} caption="Rollout records, newest release first" />
      )}
    </>
  );
}
