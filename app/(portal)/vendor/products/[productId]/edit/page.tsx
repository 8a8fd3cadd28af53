import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getProduct, productToForm } from "@/lib/products/products";
import { PageHeader } from "@/components/ui/page-header";
import { ProductForm } from "../../product-form";

export const metadata: Metadata = { title: "Edit product" };
export const dynamic = "force-dynamic";

export default async function EditProductPage({ params }: { params: Promise<{ productId: string }> }) {
  const actor = await requirePermission("vendor.products");
  const { productId } = await params;
  const product = await getProduct(await getDb(), actor.organisationId, productId);
  if (!product) notFound();
  return (
    <>
      <PageHeader title={`Edit ${product.name}`} />
      <ProductForm initial={{ id: product.id, ...productToForm(product) }} />
    </>
  );
}
