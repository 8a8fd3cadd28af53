import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listProducts } from "@/lib/products/products";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Products" };
export const dynamic = "force-dynamic";

export default async function ProductsPage() {
  const actor = await requirePermission("vendor.workspace");
  const rows = await listProducts(await getDb(), actor.organisationId);
  const officer = can(actor.role, "vendor.products");
  return (
    <>
      <PageHeader
        title="Products"
        description="The products your organisation attests for, with the update channels each one ships."
        actions={officer ? <Link href="/vendor/products/new" className={buttonClass()}>Register a product</Link> : null}
      />
      {rows.length === 0 ? (
        <EmptyState title="No products yet">{officer ? "Register your first product to start an attestation." : "A compliance officer registers products."}</EmptyState>
      ) : (
        <ScrollRegion label="Products" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Products</caption>
            <thead className="bg-gray-100">
              <tr>
                <th scope="col" className="px-4 py-2">Name</th>
                <th scope="col" className="px-4 py-2">Platforms</th>
                <th scope="col" className="px-4 py-2">Kernel mode</th>
                <th scope="col" className="px-4 py-2">Channels</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.id} className="border-t border-gray-200">
                  <td className="px-4 py-2"><Link href={`/vendor/products/${p.id}`} className="text-brand-700 underline">{p.name}</Link></td>
                  <td className="px-4 py-2">{p.platforms.join(", ")}</td>
                  <td className="px-4 py-2">{p.kernelMode ? "Yes" : "No"}</td>
                  <td className="px-4 py-2">{p.channels.map((c) => `${c.channel} (${c.cadence})`).join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
