import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listOrgProducts } from "@/lib/rollouts/queries";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { RolloutForm } from "./rollout-form";

export const metadata: Metadata = { title: "Record a rollout" };
export const dynamic = "force-dynamic";

export default async function NewRolloutPage() {
  const actor = await requirePermission("vendor.workspace");
  const products = await listOrgProducts(await getDb(), actor.organisationId);
  return (
    <>
      <PageHeader title="Record a rollout" description="Enter how one release reached your fleet. Times need a UTC offset; they are stored in UTC." />
      {products.length === 0 ? (
        <EmptyState title="Register a product first">Rollout records belong to a product.</EmptyState>
      ) : (
        <RolloutForm products={products} />
      )}
    </>
  );
}
