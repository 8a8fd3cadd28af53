import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getVersionSummary, listDomains } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { Card, PageHeader } from "@/components/ui/page-header";
import { DomainForm } from "../../domain-form";

export const metadata: Metadata = { title: "Edit domain" };

export default async function EditDomainPage({ params }: { params: Promise<{ versionId: string; key: string }> }) {
  await requirePermission("catalog.manage");
  const { versionId, key } = await params;
  const db = await getDb();
  const version = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: true }) : null;
  const domain = version ? (await listDomains(db, versionId)).find((d) => d.key === key) : undefined;
  if (!version || !domain) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/admin/catalog/${versionId}`} className="underline">
          {version.title} {version.version}
        </Link>
      </nav>
      <PageHeader title={`Domain ${domain.key}`} description={`${domain.controlCount} controls`} />
      {version.status === "draft" ? (
        <DomainForm versionId={versionId} initial={{ key: domain.key, title: domain.title, description: domain.description }} />
      ) : (
        <Card>
          <p>This version is {version.status} and cannot be changed.</p>
        </Card>
      )}
    </>
  );
}
