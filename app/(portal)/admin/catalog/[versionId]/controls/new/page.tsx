import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getVersionSummary, listDomains } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { ControlForm } from "../../control-form";

export const metadata: Metadata = { title: "New control" };

export default async function NewControlPage({ params, searchParams }: { params: Promise<{ versionId: string }>; searchParams: Promise<{ domain?: string }> }) {
  await requirePermission("catalog.manage");
  const { versionId } = await params;
  const { domain } = await searchParams;
  const db = await getDb();
  const version = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: true }) : null;
  if (!version) notFound();
  const domains = await listDomains(db, versionId);
  const domainKey = domains.find((d) => d.key === domain)?.key ?? domains[0]?.key ?? "";
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/admin/catalog/${versionId}`} className="underline">
          {version.title} {version.version}
        </Link>
      </nav>
      <PageHeader title="New control" />
      {version.status !== "draft" ? (
        <Card>
          <p>This version is {version.status} and cannot be changed.</p>
        </Card>
      ) : domains.length === 0 ? (
        <EmptyState title="Add a domain first">Controls belong to a domain.</EmptyState>
      ) : (
        <ControlForm
          versionId={versionId}
          domains={domains}
          isNew
          initial={{
            domainKey,
            id: `${domainKey ? `SDP-${domainKey}-` : ""}`,
            title: "",
            statement: "",
            vendorGuidance: "",
            reviewerGuidance: "",
            channels: ["code", "content"],
            kernelOnly: false,
            weight: 3,
            must: false,
            evidenceKinds: ["document"],
            rubric: ["", "", "", "", ""],
            mappings: [],
          }}
        />
      )}
    </>
  );
}
