import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { formatBytes } from "@/lib/format";
import { Card, PageHeader } from "@/components/ui/page-header";
import { Uploader } from "../uploader";
import { UrlEvidenceForm } from "../url-form";

export const metadata: Metadata = { title: "Add evidence" };
export const dynamic = "force-dynamic";

export default async function NewEvidencePage() {
  await requirePermission("vendor.workspace");
  const limit = formatBytes(getConfig().uploadMaxBytes);
  return (
    <>
      <PageHeader
        title="Add evidence"
        description={`Upload files (up to ${limit} each) or add a link. Evidence is visible to reviewers only unless you mark it publishable.`}
      />
      <Card className="mb-6">
        <h2 className="mb-3 text-lg font-semibold">Upload files</h2>
        <Uploader />
      </Card>
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Add a link</h2>
        <UrlEvidenceForm />
      </Card>
    </>
  );
}
