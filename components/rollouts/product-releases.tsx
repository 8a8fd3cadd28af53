import "server-only";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listRolloutRecords } from "@/lib/rollouts/store";
import { EmptyState } from "@/components/ui/page-header";
import { RolloutTable } from "./rollout-table";

/**
 * A product's releases with their worst finding, for the product page. The
 * caller passes the organisation from the session; the query filters by it.
 */
export async function ProductReleases({ productId, organisationId }: { productId: string; organisationId: string }) {
  const rows = await listRolloutRecords(await getDb(), organisationId, { productId, limit: 50 });
  return (
    <section aria-labelledby="product-releases-heading" className="mt-6">
      <h2 id="product-releases-heading" className="mb-2 text-lg font-semibold">Releases</h2>
      {rows.length === 0 ? (
        <EmptyState title="No releases recorded for this product yet">
          <Link href="/vendor/rollouts/new" className="underline">Record a rollout</Link>
        </EmptyState>
      ) : (
        <RolloutTable rows={rows} caption="Releases of this product" showProduct={false} />
      )}
    </section>
  );
}
