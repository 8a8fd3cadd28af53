import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listOrgProducts } from "@/lib/rollouts/queries";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { UploadForm } from "./upload-form";

export const metadata: Metadata = { title: "Upload a rollout record" };
export const dynamic = "force-dynamic";

export default async function UploadRolloutPage() {
  const actor = await requirePermission("vendor.workspace");
  const products = await listOrgProducts(await getDb(), actor.organisationId);
  return (
    <>
      <PageHeader
        title="Upload a rollout record"
        description={
          <>
            A JSON file that follows the{" "}
            <a className="underline" href="/api/v1/rollouts/schema.json">
              record JSON Schema
            </a>
            , or a CSV with one row per release, ring, event and test (
            <a className="underline" href="/api/v1/rollouts/template.csv" download>
              download the CSV template
            </a>
            ). Nothing is stored unless the whole file is valid.
          </>
        }
      />
      {products.length === 0 ? <EmptyState title="Register a product first" /> : <UploadForm products={products} />}
    </>
  );
}
