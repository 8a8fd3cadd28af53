import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { previewReport } from "@/lib/reports/preview";
import { PageHeader } from "@/components/ui/page-header";
import { ReportView } from "@/components/reports/report-view";

export const metadata: Metadata = { title: "Report preview" };
export const dynamic = "force-dynamic";

/** The panel's preview of the report its lead is about to publish. */
export default async function PanelReportPreviewPage({ params }: { params: Promise<{ attestationId: string }> }) {
  const actor = await requirePermission("review.use");
  const { attestationId } = await params;
  const db = await getDb();
  const preview = await previewReport(db, actor, attestationId);
  if (!preview) notFound();
  return (
    <>
      <PageHeader
        title="Report preview"
        description={
          <>
            The report as it will be published, with the vendor&apos;s response as it stands.{" "}
            <Link href={`/review/${attestationId}/reconcile#publication`} className="underline">
              Back to publication
            </Link>
          </>
        }
      />
      <ReportView doc={preview.doc} preview />
    </>
  );
}
