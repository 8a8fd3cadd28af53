import type { ComponentProps } from "react";
import Link from "next/link";
import { EmptyState } from "@/components/ui/page-header";
import { RolloutTable } from "./rollout-table";

/**
 * A product's releases with their worst finding, for the product page. The page
 * fetches them (for the caller's organisation only); this only renders.
 */
export function ProductReleases({ rows, zone }: { rows: ComponentProps<typeof RolloutTable>["rows"]; zone: string }) {
  return (
    <section aria-labelledby="product-releases-heading" className="mt-6">
      <h2 id="product-releases-heading" className="mb-2 text-lg font-semibold">
        Releases
      </h2>
      {rows.length === 0 ? (
        <EmptyState title="No releases recorded for this product yet">
          <Link href="/vendor/rollouts/new" className="underline">
            Record a rollout
          </Link>
        </EmptyState>
      ) : (
        <RolloutTable rows={rows} caption="Releases of this product" zone={zone} showProduct={false} />
      )}
    </section>
  );
}
