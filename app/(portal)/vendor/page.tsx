import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listAttestations } from "@/lib/attestations/queries";
import { evidenceSummary } from "@/lib/evidence/queries";
import { listProducts } from "@/lib/products/products";
import { todayIso } from "@/lib/attestations/completeness";
import { latestRevisions, workspaceSteps } from "@/lib/products/next-steps";
import type { AttestationStatus } from "@/db/schema/vendor";
import { Card, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Workspace" };
export const dynamic = "force-dynamic";

/** Submitted and not yet decided: the panel has it (changes requested is back with the vendor). */
const REVIEW_STAGES = new Set<AttestationStatus>(["submitted", "in_review", "reconciliation"]);

export default async function VendorLanding() {
  const actor = await requirePermission("vendor.workspace");
  const officer = can(actor.role, "vendor.submit");
  const db = await getDb();
  const today = todayIso();
  const [products, attestations, evidence] = await Promise.all([
    listProducts(db, actor.organisationId),
    listAttestations(db, actor.organisationId),
    evidenceSummary(db, actor.organisationId, today),
  ]);
  const current = latestRevisions(attestations);
  const drafts = current.filter((a) => a.status === "draft").length;
  const withPanel = current.filter((a) => REVIEW_STAGES.has(a.status)).length;
  const steps = workspaceSteps({ officer, productCount: products.length, attestations, expiredEvidence: evidence.expired, activeEvidence: evidence.active });
  const stat = (label: string, value: number, href: string) => (
    <Link href={href} className="block rounded-lg border border-gray-300 bg-white p-4 hover:bg-gray-50">
      <span className="block text-2xl font-bold">{value}</span>
      <span className="text-sm">{label}</span>
    </Link>
  );
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
      <div className="mb-6 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {stat(products.length === 1 ? "product" : "products", products.length, "/vendor/products")}
        {stat(drafts === 1 ? "draft attestation" : "draft attestations", drafts, "/vendor/attestations")}
        {stat("submitted or in review", withPanel, "/vendor/attestations")}
        {stat(evidence.active === 1 ? "evidence item" : "evidence items", evidence.active, "/vendor/evidence")}
      </div>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">What to do next</h2>
        <ul className="list-disc space-y-2 pl-5">
          {steps.map((step) => (
            <li key={step.key}>
              {step.parts.map((part, i) =>
                typeof part === "string" ? (
                  part
                ) : (
                  <Link key={i} href={part.href} className="underline">
                    {part.text}
                  </Link>
                ),
              )}
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
