import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listPublishedVersions } from "@/lib/attestations/queries";
import { listProducts } from "@/lib/products/products";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { StartForm } from "../start-form";

export const metadata: Metadata = { title: "Start an attestation" };
export const dynamic = "force-dynamic";

export default async function NewAttestationPage({ searchParams }: { searchParams: Promise<{ product?: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const db = await getDb();
  const [products, versions, sp] = await Promise.all([listProducts(db, actor.organisationId), listPublishedVersions(db), searchParams]);
  const productId = products.some((p) => p.id === sp.product) ? sp.product : undefined;
  return (
    <>
      <PageHeader title="Start an attestation" description="One attestation covers one product, one published catalog version and one reporting period." />
      {products.length === 0 ? (
        <EmptyState title="Register a product first" />
      ) : (
        <StartForm
          productId={productId}
          products={products.map((p) => ({ id: p.id, label: p.name }))}
          versions={versions.map((v) => ({ id: v.id, label: `${v.title} ${v.version}` }))}
        />
      )}
    </>
  );
}
