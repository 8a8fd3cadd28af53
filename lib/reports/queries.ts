import "server-only";
import { and, asc, count, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  catalogControls,
  publishedReports,
  remediationItems,
  reportFigures,
  reportOpenItemDays,
  reportScores,
  reportVersions,
  reviewDecisions,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { relationTo } from "@/lib/review/access";
import { isUuid } from "@/lib/ids";
import { isRealDate } from "@/lib/validations/common";
import type { ReportDocument, ReportTier } from "./document";

/**
 * Who reads which tier of a published report (see document.ts):
 * - the vendor's own people and the panel's seated members: full;
 * - everyone else allowed to read reports (observers, other reviewers,
 *   administrators): observer;
 * - other vendors: nothing (not found).
 * The public summary (no sign-in) is separate: publicSummary().
 */
export async function tierFor(db: DbOrTx, actor: Actor, report: { organisationId: string; lineageId: string }): Promise<ReportTier | null> {
  const relation = await relationTo(db, actor, report);
  if (relation === "owner" || relation === "lead" || relation === "member") return "full";
  if (actor.role === "vendor_officer" || actor.role === "vendor_contributor") return null;
  return can(actor.role, "reports.read") ? "observer" : null;
}

/** Columns every tier may see: the public summary's and the bookkeeping around it. */
const META = {
  id: publishedReports.id,
  attestationId: publishedReports.attestationId,
  lineageId: publishedReports.lineageId,
  revision: publishedReports.revision,
  organisationId: publishedReports.organisationId,
  vendorName: publishedReports.vendorName,
  productName: publishedReports.productName,
  frameworkVersionId: publishedReports.frameworkVersionId,
  frameworkLabel: publishedReports.frameworkLabel,
  periodStart: publishedReports.periodStart,
  periodEnd: publishedReports.periodEnd,
  result: publishedReports.result,
  overall: publishedReports.overall,
  domainScores: publishedReports.domainScores,
  submissionDigest: publishedReports.submissionDigest,
  publicSummary: publishedReports.publicSummary,
  publishedAt: publishedReports.publishedAt,
  supersededBy: publishedReports.supersededBy,
  supersededAt: publishedReports.supersededAt,
};

export type ReportMeta = {
  id: string;
  attestationId: string;
  lineageId: string;
  revision: number;
  organisationId: string;
  vendorName: string;
  productName: string;
  frameworkVersionId: string;
  frameworkLabel: string;
  periodStart: string;
  periodEnd: string;
  result: string;
  overall: string;
  domainScores: { key: string; title: string; score: number }[];
  submissionDigest: string;
  publicSummary: boolean;
  publishedAt: Date;
  supersededBy: string | null;
  supersededAt: Date | null;
};

export type ReportView = {
  meta: ReportMeta;
  tier: ReportTier;
  document: ReportDocument;
  digest: string;
  successor: { id: string; revision: number } | null;
  predecessors: { id: string; revision: number }[];
};

/**
 * One report in the tier the actor may read, or null (not found: also for
 * people who may not see it, so its existence does not leak). The document
 * column of the other tier is never selected.
 */
export async function getReport(db: DbOrTx, actor: Actor, reportId: string): Promise<ReportView | null> {
  if (!isUuid(reportId)) return null;
  const [meta] = await db.select(META).from(publishedReports).where(eq(publishedReports.id, reportId));
  if (!meta) return null;
  const tier = await tierFor(db, actor, meta);
  if (!tier) return null;
  const [doc] =
    tier === "full"
      ? await db
          .select({ document: publishedReports.fullDocument, digest: publishedReports.fullDigest })
          .from(publishedReports)
          .where(eq(publishedReports.id, reportId))
      : await db
          .select({ document: publishedReports.observerDocument, digest: publishedReports.observerDigest })
          .from(publishedReports)
          .where(eq(publishedReports.id, reportId));
  const lineage = await db
    .select({ id: publishedReports.id, revision: publishedReports.revision })
    .from(publishedReports)
    .where(eq(publishedReports.lineageId, meta.lineageId))
    .orderBy(asc(publishedReports.revision));
  const successor = meta.supersededBy ? (lineage.find((r) => r.id === meta.supersededBy) ?? null) : null;
  return { meta, tier, document: doc!.document, digest: doc!.digest, successor, predecessors: lineage.filter((r) => r.revision < meta.revision) };
}

/** The public summary's columns: what anyone may read of a report whose vendor opted in. */
const PUBLIC_COLUMNS = (({
  id,
  vendorName,
  productName,
  frameworkLabel,
  periodStart,
  periodEnd,
  result,
  overall,
  domainScores,
  submissionDigest,
  publishedAt,
  revision,
}) => ({
  id,
  vendorName,
  productName,
  frameworkLabel,
  periodStart,
  periodEnd,
  result,
  overall,
  domainScores,
  submissionDigest,
  publishedAt,
  revision,
}))(META);

export type PublicSummary = Pick<
  ReportMeta,
  | "id"
  | "vendorName"
  | "productName"
  | "frameworkLabel"
  | "periodStart"
  | "periodEnd"
  | "result"
  | "overall"
  | "domainScores"
  | "submissionDigest"
  | "publishedAt"
  | "revision"
> & {
  successor: { id: string; public: boolean } | null;
};

/** The public summary of a report whose vendor opted in; null otherwise. Selects only public columns. */
export async function publicSummary(db: DbOrTx, reportId: string): Promise<PublicSummary | null> {
  if (!isUuid(reportId)) return null;
  const [row] = await db
    .select({ ...PUBLIC_COLUMNS, supersededBy: META.supersededBy })
    .from(publishedReports)
    .where(and(eq(publishedReports.id, reportId), eq(publishedReports.publicSummary, true)));
  if (!row) return null;
  const { supersededBy, ...rest } = row;
  let successor: PublicSummary["successor"] = null;
  if (supersededBy) {
    const [next] = await db
      .select({ id: publishedReports.id, public: publishedReports.publicSummary })
      .from(publishedReports)
      .where(eq(publishedReports.id, supersededBy));
    successor = next ?? null;
  }
  return { ...rest, successor };
}

/** Reports whose vendor opted into a public summary, current ones only, newest first. */
export async function listPublicSummaries(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: publishedReports.id,
      vendorName: publishedReports.vendorName,
      productName: publishedReports.productName,
      frameworkLabel: publishedReports.frameworkLabel,
      periodStart: publishedReports.periodStart,
      periodEnd: publishedReports.periodEnd,
      result: publishedReports.result,
      publishedAt: publishedReports.publishedAt,
    })
    .from(publishedReports)
    .where(and(eq(publishedReports.publicSummary, true), isNull(publishedReports.supersededBy)))
    .orderBy(desc(publishedReports.publishedAt))
    .limit(limit);
}

// ---------------------------------------------------------------------------
// The ecosystem dashboard. Only reports.read roles reach it; it reads only
// public columns and the (non-confidential) remediation items of published
// decisions, so it is the same for every such role.

export const RESULTS = ["meets", "meets_with_conditions", "does_not_meet"] as const;

export type DashboardFilters = {
  frameworkVersionId: string | null;
  period: string | null;
  result: (typeof RESULTS)[number] | null;
  vendor: string | null;
  page: number;
};

/** "2026-01-01_2026-06-30" ⇄ { start, end }. */
export const periodKey = (start: string, end: string) => `${start}_${end}`;
export function parsePeriod(key: string | null): { start: string; end: string } | null {
  const m = key ? /^(\d{4}-\d{2}-\d{2})_(\d{4}-\d{2}-\d{2})$/.exec(key) : null;
  // Days that exist only: "2025-13-01" would reach PostgreSQL's date type and fail there.
  return m && isRealDate(m[1]!) && isRealDate(m[2]!) ? { start: m[1]!, end: m[2]! } : null;
}

export function parseFilters(params: Record<string, string | string[] | undefined>): DashboardFilters {
  const one = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : null);
  const fv = one("framework");
  const result = one("result");
  const vendor = one("vendor");
  const page = Number(one("page") ?? "1");
  return {
    frameworkVersionId: fv && isUuid(fv) ? fv : null,
    period: parsePeriod(one("period")) ? one("period") : null,
    result: result && (RESULTS as readonly string[]).includes(result) ? (result as DashboardFilters["result"]) : null,
    vendor: vendor && isUuid(vendor) ? vendor : null,
    page: Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/**
 * The filters given but not understood, by parameter name. The dashboard falls back to its
 * defaults for them; an export refuses them instead of silently exporting more than was asked.
 */
export function malformedFilters(params: URLSearchParams): string[] {
  const bad: string[] = [];
  const fv = params.get("framework");
  const period = params.get("period");
  const result = params.get("result");
  const vendor = params.get("vendor");
  if (fv !== null && !isUuid(fv)) bad.push("framework");
  if (period !== null && period !== "all" && !parsePeriod(period)) bad.push("period");
  if (result !== null && !(RESULTS as readonly string[]).includes(result)) bad.push("result");
  if (vendor !== null && !isUuid(vendor)) bad.push("vendor");
  return bad;
}

export function filtersToQuery(f: Partial<DashboardFilters>): string {
  const q = new URLSearchParams();
  if (f.frameworkVersionId) q.set("framework", f.frameworkVersionId);
  if (f.period) q.set("period", f.period);
  if (f.result) q.set("result", f.result);
  if (f.vendor) q.set("vendor", f.vendor);
  if (f.page && f.page > 1) q.set("page", String(f.page));
  return q.toString();
}

/**
 * Framework versions that have reports, newest publication first, and the periods each has: read
 * from report_versions and report_figures, which the database keeps (migration 0016).
 */
export async function dashboardChoices(db: DbOrTx, frameworkVersionId: string | null) {
  const versions = await db
    .select({ id: reportVersions.frameworkVersionId, label: reportVersions.label })
    .from(reportVersions)
    .orderBy(desc(reportVersions.latestPublishedAt), asc(reportVersions.frameworkVersionId));
  const chosen = versions.find((v) => v.id === frameworkVersionId) ?? versions[0] ?? null;
  const periods = chosen
    ? (
        await db
          .select({ period: reportFigures.period })
          .from(reportFigures)
          .where(and(eq(reportFigures.frameworkVersionId, chosen.id), eq(reportFigures.result, ""), ne(reportFigures.period, "")))
          .orderBy(asc(reportFigures.period))
      ).map((p) => parsePeriod(p.period)!)
    : [];
  return { versions, chosen, periods };
}

/** Where-clause for current (not superseded) reports matching the filters; `period` false ignores the period filter (trends). */
export function reportFilter(f: DashboardFilters, frameworkVersionId: string, opts: { period: boolean; result?: boolean } = { period: true }): SQL {
  const p = opts.period ? parsePeriod(f.period) : null;
  return and(
    eq(publishedReports.frameworkVersionId, frameworkVersionId),
    isNull(publishedReports.supersededBy),
    p ? and(eq(publishedReports.periodStart, p.start), eq(publishedReports.periodEnd, p.end)) : undefined,
    opts.result !== false && f.result ? eq(publishedReports.result, f.result) : undefined,
    f.vendor ? eq(publishedReports.organisationId, f.vendor) : undefined,
  )!;
}

export const HEATMAP_PAGE = 50;

/**
 * The dashboard's figures and one page of its heatmap. Without a vendor filter, the figures come
 * from report_figures and report_open_item_days (kept by the database, migration 0016): a few
 * rows however many reports there are. With one, from that vendor's reports
 * (dashboardFiguresFromReports, which is also what the tests hold the kept figures to).
 */
export async function dashboardData(db: DbOrTx, f: DashboardFilters, frameworkVersionId: string, today = new Date().toISOString().slice(0, 10)) {
  const where = reportFilter(f, frameworkVersionId, { period: true });
  // The trend is the ecosystem's (the vendor's own is vendorTrend), so it comes from the kept rows either way.
  const kept = await dashboardFiguresKept(db, { ...f, vendor: null }, frameworkVersionId, today);
  const figures = f.vendor ? { ...(await dashboardFiguresFromReports(db, f, frameworkVersionId, today)), trend: kept.trend } : kept;
  const rows = await db
    .select({
      id: publishedReports.id,
      organisationId: publishedReports.organisationId,
      vendorName: publishedReports.vendorName,
      productName: publishedReports.productName,
      result: publishedReports.result,
      overall: publishedReports.overall,
      domainScores: publishedReports.domainScores,
      periodStart: publishedReports.periodStart,
      periodEnd: publishedReports.periodEnd,
      publishedAt: publishedReports.publishedAt,
    })
    .from(publishedReports)
    .where(where)
    .orderBy(asc(publishedReports.vendorName), asc(publishedReports.productName), asc(publishedReports.periodStart), asc(publishedReports.id))
    .limit(HEATMAP_PAGE)
    .offset((f.page - 1) * HEATMAP_PAGE);
  // Per-vendor trends for the vendors on this page of the heatmap.
  const pageVendors = [...new Set(rows.map((r) => r.organisationId))];
  const vendorTrend = pageVendors.length
    ? await db
        .select({
          organisationId: publishedReports.organisationId,
          start: publishedReports.periodStart,
          end: publishedReports.periodEnd,
          mean: sql<string>`round(avg(${publishedReports.overall}), 2)`,
        })
        .from(publishedReports)
        .where(and(reportFilter({ ...f, vendor: null }, frameworkVersionId, { period: false }), inArray(publishedReports.organisationId, pageVendors)))
        .groupBy(publishedReports.organisationId, publishedReports.periodStart, publishedReports.periodEnd)
    : [];
  return {
    ...figures,
    rows: rows.map((r) => ({ ...r, overall: Number(r.overall) })),
    vendorTrend: vendorTrend.map((t) => ({ organisationId: t.organisationId, period: periodKey(t.start, t.end), mean: Number(t.mean) })),
  };
}

/** The dashboard's figures: totals, outcomes, trend, canary staging and overdue remediation. */
export type DashboardFigures = {
  total: number;
  outcomes: { result: (typeof RESULTS)[number]; n: number }[];
  trend: { period: string; start: string; end: string; mean: number; n: number }[];
  canary: { vendors: number; staged: number; releases: number; stagedReleases: number };
  overdue: {
    total: number;
    items: { id: string; reportId: string; vendorName: string; productName: string; controlId: string; action: string; dueDate: string }[];
  };
};

/** The columns of a row of the dashboard's overdue list. */
const OVERDUE_ITEM_COLUMNS = {
  id: remediationItems.id,
  reportId: publishedReports.id,
  vendorName: publishedReports.vendorName,
  productName: publishedReports.productName,
  controlId: catalogControls.controlId,
  action: remediationItems.action,
  dueDate: remediationItems.dueDate,
};

/** The 20 most overdue items: by due date, then vendor. */
const OVERDUE_SHOWN = 20;

/** The figures from the kept rows (no vendor filter). */
export async function dashboardFiguresKept(db: DbOrTx, f: DashboardFilters, frameworkVersionId: string, today: string): Promise<DashboardFigures> {
  const period = parsePeriod(f.period) ? f.period! : "";
  const result = f.result ?? "";
  const kept = await db
    .select({
      period: reportFigures.period,
      result: reportFigures.result,
      reports: reportFigures.reports,
      mean: sql<string | null>`round(${reportFigures.overallSum} / nullif(${reportFigures.reports}, 0), 2)`,
      contentReleases: reportFigures.contentReleases,
      contentCanaryStaged: reportFigures.contentCanaryStaged,
      contentVendors: reportFigures.contentVendors,
      stagedVendors: reportFigures.stagedVendors,
    })
    .from(reportFigures)
    .where(
      and(
        eq(reportFigures.frameworkVersionId, frameworkVersionId),
        or(
          and(eq(reportFigures.period, period), or(eq(reportFigures.result, result), ne(reportFigures.result, ""))),
          and(ne(reportFigures.period, ""), eq(reportFigures.result, result)),
        ),
      ),
    );
  const here = kept.find((k) => k.period === period && k.result === result);
  const overdueWhere = and(
    eq(reportOpenItemDays.frameworkVersionId, frameworkVersionId),
    period ? eq(reportOpenItemDays.period, period) : undefined,
    f.result ? eq(reportOpenItemDays.result, f.result) : undefined,
    lt(reportOpenItemDays.dueDate, today),
  );
  const [overdueCount] = await db
    .select({ n: sql<number>`coalesce(sum(${reportOpenItemDays.openItems}), 0)::int` })
    .from(reportOpenItemDays)
    .where(overdueWhere);
  // The most overdue items from remediation_items_report_due_idx (or _all_due_idx for all periods); ties on the last due date shown by vendor.
  const listed = await db
    .select(OVERDUE_ITEM_COLUMNS)
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .innerJoin(publishedReports, and(eq(publishedReports.attestationId, reviewDecisions.attestationId), isNull(publishedReports.supersededBy)))
    .innerJoin(catalogControls, eq(catalogControls.id, remediationItems.controlId))
    .where(
      and(
        eq(remediationItems.reportFrameworkVersionId, frameworkVersionId),
        period ? eq(remediationItems.reportPeriod, period) : undefined,
        f.result ? eq(remediationItems.reportResult, f.result) : undefined,
        eq(remediationItems.status, "open"),
        lt(remediationItems.dueDate, today),
        // Up to the due date of the 20th most overdue item, so that ties on that date are shown by vendor as well.
        sql`${remediationItems.dueDate} <= coalesce((
          select i.due_date from remediation_items i
          where i.report_framework_version_id = ${frameworkVersionId} and i.status = 'open' and i.due_date < ${today}
          ${period ? sql`and i.report_period = ${period}` : sql``} ${f.result ? sql`and i.report_result = ${f.result}` : sql``}
          order by i.due_date offset ${OVERDUE_SHOWN - 1} limit 1), ${today})`,
      ),
    )
    .orderBy(asc(remediationItems.dueDate), asc(publishedReports.vendorName), asc(remediationItems.id))
    .limit(OVERDUE_SHOWN);
  return {
    total: here?.reports ?? 0,
    outcomes: RESULTS.map((r) => ({ result: r, n: kept.find((k) => k.period === period && k.result === r)?.reports ?? 0 })),
    trend: kept
      .filter((k) => k.period !== "" && k.result === result && k.reports > 0)
      .sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((k) => {
        const p = parsePeriod(k.period)!;
        return { period: k.period, start: p.start, end: p.end, mean: Number(k.mean), n: k.reports };
      }),
    canary: {
      vendors: here?.contentVendors ?? 0,
      staged: here?.stagedVendors ?? 0,
      releases: here?.contentReleases ?? 0,
      stagedReleases: here?.contentCanaryStaged ?? 0,
    },
    overdue: { total: overdueCount?.n ?? 0, items: listed },
  };
}

/** The same figures read from the reports themselves: for one vendor's reports, and the reference the kept ones are tested against. */
export async function dashboardFiguresFromReports(db: DbOrTx, f: DashboardFilters, frameworkVersionId: string, today: string): Promise<DashboardFigures> {
  const where = reportFilter(f, frameworkVersionId, { period: true });
  const [totals] = await db.select({ n: count() }).from(publishedReports).where(where);
  // Outcomes ignore the result filter (it would make the distribution trivial).
  const outcomes = await db
    .select({ result: publishedReports.result, n: count() })
    .from(publishedReports)
    .where(reportFilter(f, frameworkVersionId, { period: true, result: false }))
    .groupBy(publishedReports.result);
  const trend = await db
    .select({ start: publishedReports.periodStart, end: publishedReports.periodEnd, mean: sql<string>`round(avg(${publishedReports.overall}), 2)`, n: count() })
    .from(publishedReports)
    .where(reportFilter({ ...f, vendor: null }, frameworkVersionId, { period: false }))
    .groupBy(publishedReports.periodStart, publishedReports.periodEnd)
    .orderBy(asc(publishedReports.periodStart), asc(publishedReports.periodEnd));
  // Vendors whose content updates (from linked rollout records) all started with a canary ring.
  const [canary] = await db
    .select({
      vendors: sql<number>`count(distinct ${publishedReports.organisationId}) filter (where ${publishedReports.contentReleases} > 0)`,
      staged: sql<number>`count(distinct ${publishedReports.organisationId}) filter (where ${publishedReports.contentReleases} > 0 and ${publishedReports.contentCanaryStaged} = ${publishedReports.contentReleases})`,
      releases: sql<number>`coalesce(sum(${publishedReports.contentReleases}), 0)`,
      stagedReleases: sql<number>`coalesce(sum(${publishedReports.contentCanaryStaged}), 0)`,
    })
    .from(publishedReports)
    .where(where);
  const overdueWhere = and(where, eq(remediationItems.status, "open"), lt(remediationItems.dueDate, today));
  const [overdueCount] = await db
    .select({ n: count() })
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .innerJoin(publishedReports, eq(publishedReports.attestationId, reviewDecisions.attestationId))
    .where(overdueWhere);
  const overdue = await db
    .select(OVERDUE_ITEM_COLUMNS)
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .innerJoin(publishedReports, eq(publishedReports.attestationId, reviewDecisions.attestationId))
    .innerJoin(catalogControls, eq(catalogControls.id, remediationItems.controlId))
    .where(overdueWhere)
    .orderBy(asc(remediationItems.dueDate), asc(publishedReports.vendorName), asc(remediationItems.id))
    .limit(OVERDUE_SHOWN);
  return {
    total: totals?.n ?? 0,
    outcomes: RESULTS.map((r) => ({ result: r, n: Number(outcomes.find((o) => o.result === r)?.n ?? 0) })),
    trend: trend.map((t) => ({ period: periodKey(t.start, t.end), start: t.start, end: t.end, mean: Number(t.mean), n: Number(t.n) })),
    canary: {
      vendors: Number(canary?.vendors ?? 0),
      staged: Number(canary?.staged ?? 0),
      releases: Number(canary?.releases ?? 0),
      stagedReleases: Number(canary?.stagedReleases ?? 0),
    },
    overdue: { total: overdueCount?.n ?? 0, items: overdue },
  };
}

/**
 * At most this many vendors are offered in the dashboard's vendor filter: with more, the list
 * would make every answer grow with the ecosystem (a select of 20,000 vendors is megabytes).
 */
export const VENDOR_CHOICES_MAX = 200;

/**
 * Vendors with current reports for a framework version, for the vendor filter, by name: all of
 * them when there are at most VENDOR_CHOICES_MAX (`complete`), else null. Read from an index
 * (published_reports_vendors_idx) that stops after VENDOR_CHOICES_MAX + 1 rows.
 */
export async function dashboardVendors(db: DbOrTx, frameworkVersionId: string): Promise<{ id: string; name: string }[] | null> {
  const rows = await db
    .selectDistinct({ id: publishedReports.organisationId, name: publishedReports.vendorName })
    .from(publishedReports)
    .where(and(eq(publishedReports.frameworkVersionId, frameworkVersionId), isNull(publishedReports.supersededBy)))
    .orderBy(asc(publishedReports.vendorName), asc(publishedReports.organisationId))
    .limit(VENDOR_CHOICES_MAX + 1);
  return rows.length > VENDOR_CHOICES_MAX ? null : rows;
}

/** The name of one vendor with current reports for a framework version (the filter's chosen vendor when the list is not offered). */
export async function dashboardVendorName(db: DbOrTx, frameworkVersionId: string, organisationId: string): Promise<string | null> {
  const [row] = await db
    .select({ name: publishedReports.vendorName })
    .from(publishedReports)
    .where(
      and(
        eq(publishedReports.frameworkVersionId, frameworkVersionId),
        isNull(publishedReports.supersededBy),
        eq(publishedReports.organisationId, organisationId),
      ),
    )
    .orderBy(asc(publishedReports.vendorName))
    .limit(1);
  return row?.name ?? null;
}

/** One export row as the driver returns it (SQL column names, no drizzle mapping). */
export type ScoreRow = {
  report_id: string;
  position: number;
  control_id: string;
  control_title: string;
  domain: string;
  weight: number;
  must: boolean;
  score: number;
};

/**
 * Keyset pages of report_scores rows for the exports: flat memory whatever the size. Only the score
 * columns: a report's own columns are the same for its ~40 rows and come once, from scoreReports.
 * The rows skip drizzle's per-row mapping (db.execute), which costs more than everything else at a
 * million rows; both drivers give dates as strings, integers as numbers and booleans as booleans.
 */
export async function scoreRowsAfter(db: DbOrTx, where: SQL, after: { reportId: string; position: number } | null, limit: number): Promise<ScoreRow[]> {
  const page = db
    .select({
      reportId: reportScores.reportId,
      position: reportScores.position,
      controlId: reportScores.controlId,
      controlTitle: reportScores.controlTitle,
      domain: reportScores.domain,
      weight: reportScores.weight,
      must: reportScores.must,
      score: reportScores.score,
    })
    .from(reportScores)
    .innerJoin(publishedReports, eq(publishedReports.id, reportScores.reportId))
    .where(and(where, after ? sql`(${reportScores.reportId}, ${reportScores.position}) > (${after.reportId}::uuid, ${after.position})` : undefined))
    .orderBy(asc(reportScores.reportId), asc(reportScores.position))
    .limit(limit);
  // postgres.js answers with the rows, PGlite with { rows }.
  const result = (await db.execute(page)) as unknown as ScoreRow[] | { rows: ScoreRow[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The report columns of export rows, one row per report id given. */
export async function scoreReports(db: DbOrTx, ids: string[]) {
  return db
    .select({
      id: publishedReports.id,
      vendorName: publishedReports.vendorName,
      productName: publishedReports.productName,
      frameworkLabel: publishedReports.frameworkLabel,
      periodStart: publishedReports.periodStart,
      periodEnd: publishedReports.periodEnd,
      revision: publishedReports.revision,
      result: publishedReports.result,
      submissionDigest: publishedReports.submissionDigest,
    })
    .from(publishedReports)
    .where(inArray(publishedReports.id, ids));
}
