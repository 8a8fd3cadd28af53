import type { Metadata } from "next";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a framework" };

export default async function ImportPage() {
  await requirePermission("catalog.manage");
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/catalog" className="underline">
          Catalog editor
        </Link>
      </nav>
      <PageHeader
        title="Import a framework"
        description={
          <>
            The document becomes a new draft version. Nothing is saved unless the whole document is valid; every problem is listed with its location. The portal
            format is described by its{" "}
            <a href="/api/catalog/schema.json" className="underline">
              JSON Schema
            </a>
            .
          </>
        }
      />
      <ImportForm />
    </>
  );
}
