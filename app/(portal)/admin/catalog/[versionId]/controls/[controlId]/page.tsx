import { controlFormValues } from "@/lib/validations/catalog";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getControl, getVersionSummary, listDomains } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ControlForm } from "../../control-form";

export const metadata: Metadata = { title: "Edit control" };

export default async function EditControlPage({ params }: { params: Promise<{ versionId: string; controlId: string }> }) {
  await requirePermission("catalog.manage");
  const { versionId, controlId } = await params;
  const db = await getDb();
  const version = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: true }) : null;
  const c = version ? await getControl(db, versionId, decodeURIComponent(controlId)) : null;
  if (!version || !c) notFound();
  const domains = await listDomains(db, versionId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href={`/admin/catalog/${versionId}`} className="underline">
          {version.title} {version.version}
        </Link>
      </nav>
      <PageHeader title={`Control ${c.id}`} description={c.title} />
      {version.status === "draft" ? (
        <ControlForm versionId={versionId} domains={domains} isNew={false} initial={controlFormValues(c)} />
      ) : (
        <Card>
          <p>
            This version is {version.status} and cannot be changed.{" "}
            <Link href={`/catalog/${versionId}/controls/${encodeURIComponent(c.id)}`} className="underline">
              Read the control
            </Link>
            .
          </p>
        </Card>
      )}
    </>
  );
}
