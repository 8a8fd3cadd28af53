import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { isUuid } from "@/lib/ids";
import { previewReport } from "@/lib/reports/preview";
import { reportOfAttestation } from "@/lib/reports/publish";
import { getSubmission } from "@/lib/attestations/queries";
import { scopeOf } from "@/lib/review/access";
import { Card, PageHeader } from "@/components/ui/page-header";
import { ReportView } from "@/components/reports/report-view";
import { PreparationForm } from "./preparation-form";
import { formatDate } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";

export const metadata: Metadata = { title: "Report preview" };
export const dynamic = "force-dynamic";

export default async function ReportPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const db = await getDb();
  // Only the vendor's own attestations: getSubmission is scoped to the organisation.
  if (!(await getSubmission(db, scopeOf(actor), id))) notFound();
  const published = await reportOfAttestation(db, id);
  if (published) redirect(`/reports/${published.id}`);
  const preview = await previewReport(db, actor, id);
  if (!preview || preview.relation !== "owner") notFound();
  const p = preview.preparation;
  const zone = await readerTimeZone();
  return (
    <>
      <PageHeader
        title="Report preview"
        description={
          <>
            This is the report the panel&apos;s lead will publish.{" "}
            <Link href={`/vendor/attestations/${id}`} className="underline">
              Back to the attestation
            </Link>
          </>
        }
      />
      <Card className="mb-4">
        <h2 className="text-lg font-semibold">Before publication</h2>
        <p className="mt-1 text-sm">
          The lead may publish once you say the report is ready, or after {formatDate(preview.previewEndsAt, zone)} in any case. Observers will see the report
          with only the evidence you classified as publishable; other items appear only as a count.
          {p.readyAt ? ` You said it is ready on ${formatDate(p.readyAt, zone)}.` : ""}
        </p>
        {can(actor.role, "vendor.submit") ? (
          <div className="mt-3">
            <PreparationForm
              attestationId={id}
              initial={{ vendorResponse: p.vendorResponse, publicSummary: p.publicSummary, ready: p.readyAt !== null }}
              version={p.version}
            />
          </div>
        ) : (
          <p className="mt-2 text-sm">Only a compliance officer can add the public response or say the report is ready.</p>
        )}
      </Card>
      <ReportView doc={preview.doc} preview />
    </>
  );
}
