import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ProductForm } from "../product-form";

export const metadata: Metadata = { title: "Register a product" };

export default async function NewProductPage() {
  await requirePermission("vendor.products");
  return (
    <>
      <PageHeader
        title="Register a product"
        description="Which principles apply depends on the channels the product ships and whether it runs code in the kernel."
      />
      <ProductForm />
    </>
  );
}
