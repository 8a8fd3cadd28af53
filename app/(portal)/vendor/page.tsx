import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listAttestations } from "@/lib/attestations/queries";
import { evidenceSummary } from "@/lib/evidence/queries";
import { listProducts } from "@/lib/vendor/products";
import { todayIso } from "@/lib/attestations/completeness";
import { Card, PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Workspace" };
export const dynamic = "force-dynamic";

export default async function VendorLanding() {
  const actor = await requirePermission("vendor.workspace");
  const officer = can(actor.role, "vendor.submit");
  const db = await getDb();
  const today = todayIso();
  const [products, attestations, evidence] = await Promise.all([listProducts(db, actor.organisationId), listAttestations(db, actor.organisationId), evidenceSummary(db, actor.organisationId, today)]);
  const drafts = attestations.filter((a) => a.status === "draft");
  const submitted = attestations.filter((a) => a.status === "submitted").length;
  const expired = evidence.expired;
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
        {stat(drafts.length === 1 ? "draft attestation" : "draft attestations", drafts.length, "/vendor/attestations")}
        {stat("submitted", submitted, "/vendor/attestations")}
        {stat(evidence.active === 1 ? "evidence item" : "evidence items", evidence.active, "/vendor/evidence")}
      </div>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">What to do next</h2>
        <ul className="list-disc space-y-2 pl-5">
          {products.length === 0 ? <li>{officer ? <Link href="/vendor/products/new" className="underline">Register your first product</Link> : "Ask your compliance officer to register your products"} and the update channels it ships.</li> : null}
          {products.length > 0 && attestations.length === 0 ? <li><Link href="/vendor/attestations/new" className="underline">Start an attestation</Link> against the published Safe Deployment Principles.</li> : null}
          {drafts.map((a) => (
            <li key={a.id}>Continue the draft for <Link href={`/vendor/attestations/${a.id}`} className="underline">{a.productName} ({a.periodStart} to {a.periodEnd})</Link>{officer ? <>, then <Link href={`/vendor/attestations/${a.id}/submit`} className="underline">check and submit it</Link></> : null}.</li>
          ))}
          {expired ? <li>{expired} evidence {expired === 1 ? "item has" : "items have"} expired: <Link href="/vendor/evidence?expiry=expired" className="underline">replace or renew them</Link>.</li> : null}
          {evidence.active === 0 ? <li><Link href="/vendor/evidence/new" className="underline">Upload evidence</Link> that supports your answers.</li> : null}
          <li>Record how your recent releases were rolled out, so the portal can check the staging by machine.</li>
        </ul>
      </Card>
    </>
  );
}
