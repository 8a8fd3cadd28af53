import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { RESULT_LABELS, type OutcomeResult } from "@/lib/review/outcome";
import { scoreBand } from "@/lib/reports/document";
import {
  HEATMAP_PAGE,
  RESULTS,
  VENDOR_CHOICES_MAX,
  dashboardChoices,
  dashboardData,
  dashboardVendorName,
  dashboardVendors,
  filtersToQuery,
  parseFilters,
  periodKey,
} from "@/lib/reports/queries";
import { Card, EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { Pager } from "@/components/notifications/pager";
import { OutcomesChart, TrendChart } from "@/components/reports/charts";
import { ResultBadge } from "@/components/reports/report-view";
import { ScrollRegion } from "@/components/ui/scroll-region";
import { formatDate, formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Reports" };

const BAND_CLASS = {
  low: "bg-red-100 text-red-950",
  weak: "bg-orange-100 text-orange-950",
  fair: "bg-yellow-100 text-yellow-950",
  good: "bg-lime-100 text-lime-950",
  strong: "bg-green-200 text-green-950",
} as const;
const periodLabel = (key: string) => key.replace("_", " to ");
const pct = (n: number, of: number) => (of ? `${Math.round((n / of) * 100)}%` : "no data");

export default async function ReportsDashboard({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("reports.read");
  const filters = parseFilters(await searchParams);
  const db = await getDb();
  const { versions, chosen, periods } = await dashboardChoices(db, filters.frameworkVersionId);
  const header = (
    <PageHeader
      title="Published reports"
      description="Ecosystem-wide figures from published reports, and each report. Confidential evidence is never shown here: reports list only what vendors classified as publishable."
    />
  );
  if (!chosen) {
    return (
      <>
        {header}
        <Card>
          <EmptyState title="No reports have been published yet.">
            A report appears here when a review panel reaches a decision and its lead publishes it.
          </EmptyState>
        </Card>
      </>
    );
  }
  // Without a period chosen, the latest one is shown; "all" shows every period.
  const latest = periods.length ? periodKey(periods[periods.length - 1]!.start, periods[periods.length - 1]!.end) : null;
  const rawPeriod = (await searchParams).period;
  const f = { ...filters, frameworkVersionId: chosen.id, period: rawPeriod === "all" ? null : (filters.period ?? latest) };
  const [data, allVendors] = await Promise.all([dashboardData(db, f, chosen.id), dashboardVendors(db, chosen.id)]);
  // With more vendors than a list can usefully hold, the filter offers those in this page of the heatmap (and the chosen one).
  const vendors = allVendors ?? [...new Map(data.rows.map((r) => [r.organisationId, r.vendorName])).entries()].map(([id, name]) => ({ id, name }));
  if (f.vendor && !vendors.some((v) => v.id === f.vendor)) {
    const name = await dashboardVendorName(db, chosen.id, f.vendor);
    if (name) vendors.unshift({ id: f.vendor, name });
  }
  const domains = data.rows[0]?.domainScores.map((d) => ({ key: d.key, title: d.title })) ?? [];
  const vendorName = f.vendor ? vendors.find((v) => v.id === f.vendor)?.name : undefined;
  const query = (over: Partial<typeof f> & { period?: string | null }) => {
    const q = filtersToQuery({ ...f, page: 1, ...over });
    const withAll = rawPeriod === "all" && !("period" in over) ? `${q ? `${q}&` : ""}period=all` : q;
    return withAll ? `/reports?${withAll}` : "/reports";
  };
  const exportQuery = filtersToQuery({ ...f, page: 1 }) + (rawPeriod === "all" ? "&period=all" : "");
  const totalOutcomes = data.outcomes.reduce((s, o) => s + o.n, 0);
  const topOutcome = [...data.outcomes].sort((a, b) => b.n - a.n)[0];
  const outcomeCaption = totalOutcomes
    ? `${totalOutcomes} current reports: ${data.outcomes.map((o) => `${o.n} ${RESULT_LABELS[o.result as OutcomeResult].toLowerCase()}`).join(", ")}. Most common: ${RESULT_LABELS[topOutcome!.result as OutcomeResult].toLowerCase()}.`
    : "No reports match these filters.";
  const vendorTrend = new Map(data.vendorTrend.map((t) => [`${t.organisationId}|${t.period}`, t.mean]));
  const trendRows = data.trend.map((t) => ({
    period: periodLabel(t.period),
    all: t.mean,
    vendor: f.vendor ? (vendorTrend.get(`${f.vendor}|${t.period}`) ?? null) : undefined,
  }));
  const first = data.trend[0];
  const last = data.trend[data.trend.length - 1];
  const trendCaption =
    first && last && first !== last
      ? `The mean overall score of all vendors went from ${first.mean.toFixed(2)} (${periodLabel(first.period)}) to ${last.mean.toFixed(2)} (${periodLabel(last.period)}).`
      : first
        ? `One period so far: mean overall score ${first.mean.toFixed(2)}.`
        : "No periods yet.";
  const pageVendors = [...new Map(data.rows.map((r) => [r.organisationId, r.vendorName])).entries()];

  return (
    <>
      {header}
      <Card>
        <form method="get" action="/reports" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end">
          <FilterSelect label="Framework version" name="framework" value={chosen.id} options={versions.map((v) => [v.id, v.label])} />
          <FilterSelect
            label="Period"
            name="period"
            value={f.period ?? "all"}
            options={[["all", "All periods"], ...periods.map((p): [string, string] => [periodKey(p.start, p.end), `${p.start} to ${p.end}`])]}
          />
          <FilterSelect
            label="Outcome"
            name="result"
            value={f.result ?? ""}
            options={[["", "Any outcome"], ...RESULTS.map((r): [string, string] => [r, RESULT_LABELS[r]])]}
          />
          <FilterSelect
            label="Vendor"
            name="vendor"
            value={f.vendor ?? ""}
            options={[["", "Every vendor"], ...vendors.map((v): [string, string] => [v.id, v.name])]}
          />
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("primary")}>
              Apply filters
            </button>
            <Link href="/reports" className={buttonClass("secondary")}>
              Clear
            </Link>
          </div>
        </form>
        {allVendors ? null : (
          <p className="mt-3 text-sm text-muted" data-testid="vendor-choices-note">
            More than {VENDOR_CHOICES_MAX} vendors have reports: the vendor filter lists those in the heatmap below. Choose every vendor and page through the
            heatmap to find another.
          </p>
        )}
        <p className="mt-3 text-sm text-muted">The address of this page keeps the filters: copy it to share this view.</p>
      </Card>

      <div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-3">
        <Card>
          <p className="text-sm text-muted">Current reports</p>
          <p className="text-2xl font-semibold" data-testid="report-count">
            {data.total}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-muted">Vendors staging content updates with a canary</p>
          <p className="text-2xl font-semibold" data-testid="canary-share">
            {pct(data.canary.staged, data.canary.vendors)}
          </p>
          <p className="text-sm">
            {data.canary.vendors
              ? `${data.canary.staged} of ${data.canary.vendors} vendors with content rollout records started every content release with a canary ring (${data.canary.stagedReleases} of ${data.canary.releases} releases).`
              : "No report in this view links rollout records of content updates."}
          </p>
        </Card>
        <Card>
          <p className="text-sm text-muted">Overdue remediation items</p>
          <p className="text-2xl font-semibold" data-testid="overdue-count">
            {data.overdue.total}
          </p>
          <p className="text-sm">Open conditions past their due date, in the reports shown.</p>
        </Card>
      </div>

      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Scores by vendor and domain</h2>
        <p className="text-sm text-muted">
          Domain scores from 0 to 4; the colour repeats the value (red below 1, orange below 2, yellow below 3, light green below 3.5, green from 3.5).{" "}
          {data.total > HEATMAP_PAGE ? `${HEATMAP_PAGE} reports per page.` : ""}
        </p>
        {data.rows.length ? (
          <ScrollRegion label="Heatmap of scores by vendor and domain" className="mt-2">
            <table className="min-w-full text-sm" data-testid="heatmap">
              <caption className="sr-only">Heatmap of domain scores: one row per report, one column per domain</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-3">
                    Vendor and product
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Period
                  </th>
                  {domains.map((d) => (
                    <th key={d.key} scope="col" className="px-1 py-1 text-center" title={d.title}>
                      <abbr title={d.title}>{d.key}</abbr>
                    </th>
                  ))}
                  <th scope="col" className="px-1 py-1 text-center">
                    Overall
                  </th>
                  <th scope="col" className="py-1 pl-2">
                    Outcome
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <tr key={r.id} className="border-t border-gray-200">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      <Link href={`/reports/${r.id}`} className="text-brand-700 underline">
                        {r.vendorName}: {r.productName}
                      </Link>
                    </th>
                    <td className="py-1 pr-3 whitespace-nowrap">{formatPeriod(r.periodStart, r.periodEnd)}</td>
                    {domains.map((d) => {
                      const s = r.domainScores.find((x) => x.key === d.key)?.score;
                      return (
                        <td key={d.key} className={`px-1 py-1 text-center tabular-nums ${s === undefined ? "" : BAND_CLASS[scoreBand(s)]}`}>
                          {s === undefined ? "–" : s.toFixed(2)}
                        </td>
                      );
                    })}
                    <td className={`px-1 py-1 text-center font-semibold tabular-nums ${BAND_CLASS[scoreBand(r.overall)]}`}>{r.overall.toFixed(2)}</td>
                    <td className="py-1 pl-2">
                      <ResultBadge result={r.result} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : (
          <EmptyState title="No reports match these filters.">Change or clear the filters above.</EmptyState>
        )}
        <Pager page={f.page} pageCount={Math.ceil(data.total / HEATMAP_PAGE)} href={(p) => query({ page: p })} />
        <div className="mt-4 border-t border-gray-200 pt-3 text-sm">
          <p className="font-semibold">Download this view</p>
          <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            <li>
              <a href={`/api/reports/export?format=csv&${exportQuery}`} className="text-brand-700 underline" download>
                Scores (CSV), one row per report and control
              </a>
            </li>
            <li>
              <a href={`/api/reports/export?format=json&${exportQuery}`} className="text-brand-700 underline" download>
                Scores (JSON)
              </a>
            </li>
            <li>
              <a href={`/api/reports/export?format=pdf&${exportQuery}`} className="text-brand-700 underline" download>
                List of reports (PDF)
              </a>
            </li>
          </ul>
        </div>
      </Card>

      <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Card>
          <h2 className="text-lg font-semibold">Outcomes</h2>
          <figure className="mt-2">
            <OutcomesChart
              data={data.outcomes.map((o) => ({ result: o.result, label: RESULT_LABELS[o.result as OutcomeResult], n: o.n }))}
              title={`Outcomes. ${outcomeCaption}`}
            />
            <figcaption className="mt-1 text-sm">{outcomeCaption}</figcaption>
          </figure>
          <table className="mt-2 text-sm" data-testid="outcomes-table">
            <caption className="sr-only">Outcomes as a table</caption>
            <thead>
              <tr className="text-left">
                <th scope="col" className="py-1 pr-4">
                  Outcome
                </th>
                <th scope="col" className="py-1">
                  Reports
                </th>
              </tr>
            </thead>
            <tbody>
              {data.outcomes.map((o) => (
                <tr key={o.result} className="border-t border-gray-200">
                  <th scope="row" className="py-1 pr-4 text-left font-normal">
                    {RESULT_LABELS[o.result as OutcomeResult]}
                  </th>
                  <td className="py-1 tabular-nums">{o.n}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card>
          <h2 className="text-lg font-semibold">Trend across periods</h2>
          <figure className="mt-2">
            <TrendChart data={trendRows} title={`Mean overall score per period. ${trendCaption}`} vendorLabel={vendorName} />
            <figcaption className="mt-1 text-sm">{trendCaption}</figcaption>
          </figure>
          <ScrollRegion label="Trend table" className="mt-2">
            <table className="min-w-full text-sm" data-testid="trend-table">
              <caption className="sr-only">Mean overall score per period, for all vendors and for the vendors in the heatmap above</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-3">
                    Vendor
                  </th>
                  {data.trend.map((t) => (
                    <th key={t.period} scope="col" className="px-2 py-1 whitespace-nowrap">
                      {formatPeriod(t.start, t.end)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr className="border-t border-gray-200 font-semibold">
                  <th scope="row" className="py-1 pr-3 text-left">
                    All vendors (mean)
                  </th>
                  {data.trend.map((t) => (
                    <td key={t.period} className="px-2 py-1 tabular-nums">
                      {t.mean.toFixed(2)}
                    </td>
                  ))}
                </tr>
                {pageVendors.map(([id, name]) => (
                  <tr key={id} className="border-t border-gray-200">
                    <th scope="row" className="py-1 pr-3 text-left font-normal">
                      {name}
                    </th>
                    {data.trend.map((t) => {
                      const v = vendorTrend.get(`${id}|${t.period}`);
                      return (
                        <td key={t.period} className="px-2 py-1 tabular-nums">
                          {v === undefined ? "–" : v.toFixed(2)}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </Card>
      </div>

      <Card className="mt-4">
        <h2 className="text-lg font-semibold">Overdue remediation items</h2>
        {data.overdue.items.length ? (
          <ScrollRegion label="Overdue remediation items table" className="mt-2">
            <table className="min-w-full text-sm" data-testid="overdue-table">
              <caption className="sr-only">Open remediation items past their due date</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col" className="py-1 pr-3">
                    Vendor and product
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Control
                  </th>
                  <th scope="col" className="py-1 pr-3">
                    Required action
                  </th>
                  <th scope="col" className="py-1">
                    Due
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.overdue.items.map((o) => (
                  <tr key={o.id} className="border-t border-gray-200 align-top">
                    <td className="py-1 pr-3">
                      <Link href={`/reports/${o.reportId}#remediation`} className="text-brand-700 underline">
                        {o.vendorName}: {o.productName}
                      </Link>
                    </td>
                    <td className="py-1 pr-3 font-mono text-xs">{o.controlId}</td>
                    <td className="py-1 pr-3">{o.action}</td>
                    <td className="py-1 whitespace-nowrap">{formatDate(o.dueDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.overdue.total > data.overdue.items.length ? (
              <p className="mt-2 text-sm">
                The {data.overdue.items.length} most overdue of {data.overdue.total} are listed.
              </p>
            ) : null}
          </ScrollRegion>
        ) : (
          <p className="mt-2">No remediation item in this view is past its due date.</p>
        )}
      </Card>
    </>
  );
}

/** One filter of the dashboard's GET form: the URL keeps what was chosen. */
function FilterSelect({ label, name, value, options }: { label: string; name: string; value: string; options: [string, string][] }) {
  return (
    <label className="text-sm">
      <span className="block font-semibold">{label}</span>
      <select name={name} defaultValue={value} className="mt-1 w-full rounded border border-gray-400 px-2 py-1.5">
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
