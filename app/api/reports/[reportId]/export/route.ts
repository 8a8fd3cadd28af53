import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { publishedReports } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { REPORT_FORMATS, auditExport, copySource, downloadHeaders, type ReportFormat } from "@/lib/reports/export-files";
import { scoreStream } from "@/lib/reports/export-stream";
import { reportToAssessmentResults, reportToPoam } from "@/lib/reports/oscal";
import { renderReportPdf } from "@/lib/reports/pdf";
import { getReport } from "@/lib/reports/queries";
import { problem, requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

/**
 * One report as PDF, CSV or JSON scores, or OSCAL. The edition is the
 * caller's tier (getReport): observers get the observer edition in every
 * format, and people who may not see the report get 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ reportId: string }> }) {
  const actor = await requireApiActor("portal.use");
  if (actor instanceof Response) return actor;
  const { reportId } = await params;
  const format = new URL(request.url).searchParams.get("format") ?? "pdf";
  if (!(REPORT_FORMATS as readonly string[]).includes(format)) return problem(400, "Unknown format", `Choose one of: ${REPORT_FORMATS.join(", ")}.`);
  const db = await getDb();
  const view = await getReport(db, actor, reportId);
  if (!view) return problem(404, "Not found", "There is no such report, or you may not read it.");
  const doc = view.document;
  const f = format as ReportFormat;
  const source = { revision: view.meta.revision, digest: view.digest };
  const name = `${view.meta.vendorName}-${view.meta.productName}-${view.meta.periodStart}`;
  const generatedAt = new Date();
  const opts = { generatedAt, reportDigest: view.digest, portalUrl: getConfig().mail.publicUrl };
  let body: BodyInit;
  if (f === "pdf") body = new Uint8Array(await renderReportPdf(doc, opts));
  else if (f === "csv" || f === "json")
    body = scoreStream(
      db,
      eq(publishedReports.id, view.meta.id),
      f,
      {
        source: {
          reportId: view.meta.id,
          revision: view.meta.revision,
          edition: view.tier,
          reportDigest: view.digest,
          submissionDigest: view.meta.submissionDigest,
        },
      },
      undefined,
      copySource(),
    );
  else if (f === "oscal-ar") body = JSON.stringify(reportToAssessmentResults(doc, opts), null, 2);
  // With no conditions the plan holds one item saying so (OSCAL requires at least one).
  else body = JSON.stringify(reportToPoam(doc, opts), null, 2);
  await auditExport(db, actor, { type: "report", id: view.meta.id }, { format: f, edition: view.tier, revision: view.meta.revision, digest: view.digest });
  return new Response(body, { status: 200, headers: downloadHeaders(f, name, source) });
}
