import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { Card, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Workspace" };

export default async function VendorLanding() {
  const actor = await requirePermission("vendor.workspace");
  const officer = can(actor.role, "vendor.submit");
  return (
    <>
      <PageHeader
        title={`${actor.organisationName} workspace`}
        description={
          officer
            ? "You own this organisation's attestations: you answer the principles, attach evidence, and sign and submit."
            : "You help prepare this organisation's attestations: you draft answers and upload evidence. A compliance officer signs and submits."
        }
      />
      <Card>
        <h2 className="mb-2 text-lg font-semibold">What to do next</h2>
        <ol className="list-decimal space-y-2 pl-5">
          <li>Register your products and the update channels they ship (code and driver updates, content updates).</li>
          <li>Start an attestation against the published Safe Deployment Principles.</li>
          <li>Record how your recent releases were rolled out, so the portal can check the staging by machine.</li>
          {officer ? <li>When every applicable principle is answered and evidenced, sign and submit.</li> : null}
        </ol>
        <p className="mt-4 text-sm text-muted">
          Products, attestations, the evidence vault and rollout records are being built now and will appear in this workspace as they are released. Nothing has been filed for {actor.organisationName} yet.
        </p>
      </Card>
    </>
  );
}
