import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listAttestations } from "@/lib/attestations/queries";
import { getProduct } from "@/lib/products/products";
import { ATTESTATION_KIND_LABELS, CHANNEL_LABELS } from "@/lib/validations/vendor";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { WithdrawnLine } from "@/components/vendor/withdrawal";
import { ProductReleases } from "@/components/rollouts/product-releases";
import { listRolloutRecords } from "@/lib/rollouts/store";
import { formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Product" };
export const dynamic = "force-dynamic";

export default async function ProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { productId } = await params;
  const db = await getDb();
  const product = await getProduct(db, actor.organisationId, productId);
  if (!product) notFound();
  const rows = await listAttestations(db, actor.organisationId, { productId: product.id });
  const releases = await listRolloutRecords(db, actor.organisationId, { productId: product.id, limit: 50 });
  return (
    <>
      <PageHeader
        title={product.name}
        actions={
          <>
            <Link href={`/vendor/attestations/new?product=${product.id}`} className={buttonClass()}>
              Start an attestation
            </Link>
            {can(actor.role, "vendor.products") ? (
              <Link href={`/vendor/products/${product.id}/edit`} className={buttonClass("secondary")}>
                Edit product
              </Link>
            ) : null}
          </>
        }
      />
      <Card className="mb-6">
        <h2 className="mb-2 text-lg font-semibold">Details</h2>
        <dl className="grid gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Platforms</dt>
          <dd>{product.platforms.join(", ")}</dd>
          <dt className="font-semibold">Kernel-mode components</dt>
          <dd>{product.kernelMode ? "Yes" : "No"}</dd>
          <dt className="font-semibold">Update channels</dt>
          <dd>
            <ul>
              {product.channels.map((c) => (
                <li key={c.channel}>
                  {CHANNEL_LABELS[c.channel]}: {c.cadence}
                </li>
              ))}
            </ul>
          </dd>
        </dl>
      </Card>
      <section aria-labelledby="attestations-heading" className="mb-6">
        <h2 id="attestations-heading" className="mb-2 text-lg font-semibold">
          Attestations
        </h2>
        {rows.length === 0 ? (
          <EmptyState title="No attestations for this product yet" />
        ) : (
          <ul className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white">
            {rows.map((a) => (
              <li key={a.id} className="flex flex-wrap items-center gap-3 p-3">
                <Link href={`/vendor/attestations/${a.id}`} className="text-brand-700 underline">
                  {a.frameworkTitle} {a.frameworkVersion}, {formatPeriod(a.periodStart, a.periodEnd)} (revision {a.revision})
                </Link>
                <span className="text-sm text-muted">{ATTESTATION_KIND_LABELS[a.kind]}</span>
                <AttestationStatusBadge status={a.status} />
                <WithdrawnLine at={a.withdrawnAt} byName={a.withdrawnByName} className="inline" />
              </li>
            ))}
          </ul>
        )}
      </section>
      {/* Releases of this product: rendered by the rollouts feature. */}
      <ProductReleases rows={releases} zone={await readerTimeZone()} />
    </>
  );
}
