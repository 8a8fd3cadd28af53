import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Columns and tables the database keeps from other rows by triggers (migrations 0015 and 0016):
 * the reviewer's queue columns on panel_members, the current report's columns on
 * remediation_items, and the dashboard's report_figures, report_vendor_figures,
 * report_open_item_days and report_versions.
 *
 * A bulk load (seed:scale's COPY) switches those triggers off for its own transactions with
 * `BULK_LOAD` (a transaction-local setting they read: a crash leaves nothing switched off) and
 * then rebuilds everything here, set-based, in one transaction. Row by row, every report's
 * upserts would land on the same few figure rows, whose versions pile up within a long
 * transaction. Run it with the portal stopped (as seed:scale is).
 */
export const BULK_LOAD = "set local ringfence.bulk_load = 'on'";

export const REBUILD_DERIVED: SQL[] = [
  sql.raw(BULK_LOAD),
  // The queue: the panel's due date, and whether the lineage's latest submitted revision is published or withdrawn.
  sql`with latest as (
        select distinct on (lineage_id) lineage_id, status in ('published', 'withdrawn') as closed
        from attestations where status <> 'draft' order by lineage_id, revision desc)
      update panel_members m set queue_due_date = p.due_date, queue_closed = coalesce(l.closed, false)
      from review_panels p left join latest l on l.lineage_id = p.lineage_id
      where p.id = m.panel_id and (m.queue_due_date is distinct from p.due_date or m.queue_closed is distinct from coalesce(l.closed, false))`,
  // Remediation items: their current report's filter columns, or none.
  sql`update remediation_items i set
        report_framework_version_id = r.framework_version_id,
        report_period = ringfence_report_period(r.period_start, r.period_end),
        report_result = r.result
      from review_decisions d join published_reports r on r.attestation_id = d.attestation_id and r.superseded_by is null
      where d.id = i.decision_id and (i.report_framework_version_id is distinct from r.framework_version_id
        or i.report_period is distinct from ringfence_report_period(r.period_start, r.period_end) or i.report_result is distinct from r.result)`,
  sql`update remediation_items i set report_framework_version_id = null, report_period = null, report_result = null
      where i.report_framework_version_id is not null and not exists (
        select 1 from review_decisions d join published_reports r on r.attestation_id = d.attestation_id and r.superseded_by is null
        where d.id = i.decision_id)`,
  sql`delete from report_figures`,
  sql`delete from report_vendor_figures`,
  sql`delete from report_open_item_days`,
  sql`delete from report_versions`,
  sql`insert into report_versions (framework_version_id, label, latest_published_at)
      select distinct on (framework_version_id) framework_version_id, framework_label, max(published_at) over (partition by framework_version_id)
      from published_reports order by framework_version_id, published_at desc`,
  sql`insert into report_vendor_figures (framework_version_id, period, result, organisation_id, content_reports, staged_reports)
      select r.framework_version_id, p.period, x.result, r.organisation_id, count(*)::integer,
             count(*) filter (where r.content_canary_staged = r.content_releases)::integer
      from published_reports r
      cross join lateral (values (ringfence_report_period(r.period_start, r.period_end)), ('')) as p(period)
      cross join lateral (values (r.result), ('')) as x(result)
      where r.superseded_by is null and r.content_releases > 0
      group by 1, 2, 3, 4`,
  sql`insert into report_figures (framework_version_id, period, result, reports, overall_sum, content_releases, content_canary_staged, content_vendors, staged_vendors)
      select r.framework_version_id, p.period, x.result, count(*)::integer, sum(r.overall), sum(r.content_releases)::integer, sum(r.content_canary_staged)::integer,
             (select count(*) from report_vendor_figures v where v.framework_version_id = r.framework_version_id and v.period = p.period and v.result = x.result and v.content_reports > 0)::integer,
             (select count(*) from report_vendor_figures v where v.framework_version_id = r.framework_version_id and v.period = p.period and v.result = x.result and v.staged_reports > 0)::integer
      from published_reports r
      cross join lateral (values (ringfence_report_period(r.period_start, r.period_end)), ('')) as p(period)
      cross join lateral (values (r.result), ('')) as x(result)
      where r.superseded_by is null
      group by r.framework_version_id, p.period, x.result`,
  sql`insert into report_open_item_days (framework_version_id, period, result, due_date, open_items)
      select report_framework_version_id, report_period, report_result, due_date, count(*)::integer
      from remediation_items where status = 'open' and report_framework_version_id is not null
      group by 1, 2, 3, 4`,
];

/** Rebuilds every kept column and table from the rows they follow, in one transaction. */
export async function rebuildDerived(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of REBUILD_DERIVED) await tx.execute(statement);
  });
}
