import { asc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { publishedReports } from "@/db/schema";
import { RESULT_LABELS, type OutcomeResult } from "@/lib/review/outcome";
import { LIST_FORMATS, auditExport, copySource, downloadHeaders } from "@/lib/reports/export-files";
import { scoreStream } from "@/lib/reports/export-stream";
import { renderListPdf } from "@/lib/reports/pdf";
import { dashboardChoices, filtersToQuery, malformedFilters, parseFilters, reportFilter, RESULTS } from "@/lib/reports/queries";
import { problem, requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

/** The PDF lists at most this many reports; CSV and JSON have no limit (they stream). */
const LIST_PDF_MAX = 5000;

/** The dashboard's filtered list: scores as CSV or JSON (streamed), or the list of reports as a PDF. */
export async function GET(request: Request) {
  const actor = await requireApiActor("reports.read");
  if (actor instanceof Response) return actor;
  const url = new URL(request.url);
  const format = url.searchParams.get("format") ?? "csv";
  if (!(LIST_FORMATS as readonly string[]).includes(format)) return problem(400, "Unknown format", `Choose one of: ${LIST_FORMATS.join(", ")}.`);
  const malformed = malformedFilters(url.searchParams);
  if (malformed.length)
    return problem(
      400,
      "Invalid filter",
      `Not understood: ${malformed.join(", ")}. Use framework and vendor ids, period=YYYY-MM-DD_YYYY-MM-DD or all, result=${RESULTS.join("|")}.`,
    );
  const filters = parseFilters(Object.fromEntries(url.searchParams));
  const db = await getDb();
  const { chosen } = await dashboardChoices(db, filters.frameworkVersionId);
  if (!chosen) return problem(404, "No reports", "No reports have been published yet.");
  // A framework version named but without reports is not replaced by another one.
  if (filters.frameworkVersionId && chosen.id !== filters.frameworkVersionId)
    return problem(404, "No reports", "No reports have been published for this framework version.");
  const where = reportFilter(filters, chosen.id, { period: true });
  const query = filtersToQuery({ ...filters, frameworkVersionId: chosen.id, page: 1 });
  const name = `reports-${chosen.label}${filters.period ? `-${filters.period}` : ""}`;
  await auditExport(db, actor, { type: "report_list" }, { format, filters: query });
  if (format === "csv" || format === "json") {
    return new Response(
      scoreStream(db, where, format, { source: { framework: chosen.label, filters: query, generatedAt: new Date().toISOString() } }, undefined, copySource()),
      { headers: downloadHeaders(format, name, {}) },
    );
  }
  const rows = await db
    .select({
      vendor: publishedReports.vendorName,
      product: publishedReports.productName,
      framework: publishedReports.frameworkLabel,
      periodStart: publishedReports.periodStart,
      periodEnd: publishedReports.periodEnd,
      result: publishedReports.result,
      overall: publishedReports.overall,
      publishedAt: publishedReports.publishedAt,
      domains: publishedReports.domainScores,
      supersededBy: publishedReports.supersededBy,
    })
    .from(publishedReports)
    .where(where)
    .orderBy(asc(publishedReports.vendorName), asc(publishedReports.productName), asc(publishedReports.periodStart))
    .limit(LIST_PDF_MAX + 1);
  const described = [
    `Framework ${chosen.label}`,
    filters.period ? `period ${filters.period.replace("_", " to ")}` : "all periods",
    filters.result ? `outcome “${RESULT_LABELS[filters.result as OutcomeResult]}”` : "every outcome",
    filters.vendor ? "one vendor" : "every vendor",
    rows.length > LIST_PDF_MAX ? `first ${LIST_PDF_MAX} reports only: download CSV or JSON for all` : "",
  ]
    .filter(Boolean)
    .join("; ");
  const pdf = await renderListPdf(
    rows.slice(0, LIST_PDF_MAX).map((r) => ({
      vendor: r.vendor,
      product: r.product,
      framework: r.framework,
      period: `${r.periodStart} to ${r.periodEnd}`,
      result: RESULT_LABELS[r.result as OutcomeResult] ?? r.result,
      overall: Number(r.overall),
      publishedAt: r.publishedAt.toISOString().slice(0, 10),
      domains: r.domains.map((d) => ({ key: d.key, score: d.score })),
      superseded: r.supersededBy !== null,
    })),
    { title: "Published deployment-practice reports", filters: described, generatedAt: new Date() },
  );
  return new Response(new Uint8Array(pdf), { headers: downloadHeaders("pdf", name, {}) });
}
