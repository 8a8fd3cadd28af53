import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listProducts } from "@/lib/products/products";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";

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
        actions={
          officer ? (
            <Link href="/vendor/products/new" className={buttonClass()}>
              Register a product
            </Link>
          ) : null
        }
      />
      <DataTable
        caption="Products"
        rows={rows}
        rowKey={(p) => p.id}
        empty={{
          reason: "none",
          title: "No products yet",
          body: officer ? "Register your first product to start an attestation." : "A compliance officer registers products.",
        }}
        columns={[
          {
            key: "name",
            header: "Name",
            cell: (p) => (
              <Link href={`/vendor/products/${p.id}`} className="text-brand-700 underline">
                {p.name}
              </Link>
            ),
          },
          { key: "platforms", header: "Platforms", cell: (p) => p.platforms.join(", ") },
          { key: "kernel", header: "Kernel mode", cell: (p) => (p.kernelMode ? "Yes" : "No") },
          { key: "channels", header: "Channels", cell: (p) => p.channels.map((c) => `${c.channel} (${c.cadence})`).join(", ") },
        ]}
      />
    </>
  );
}
