import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, desc, eq, isNull, max, sql } from "drizzle-orm";
import { attestations, frameworkVersions, publishedReports, remediationItems, reviewDecisions } from "@/db/schema";
import {
  RESULTS,
  dashboardChoices,
  dashboardFiguresFromReports,
  dashboardFiguresKept,
  parseFilters,
  periodKey,
  type DashboardFilters,
} from "@/lib/reports/queries";
import { BULK_LOAD, rebuildDerived } from "@/db/derived";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The dashboard's kept figures (report_figures, report_open_item_days, report_versions and the
 * report columns of remediation items, migration 0016) must equal the same figures read from the
 * reports themselves, for every filter, after any sequence of publications, supersessions and
 * remediation changes, and after the migration's backfill.
 */
describe(`the dashboard's kept figures (${process.env.TEST_DB_DRIVER})`, () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  const todays = ["2020-01-01", "2026-06-30", new Date().toISOString().slice(0, 10), "2099-12-31"];

  async function filterSets(): Promise<{ fv: string; f: DashboardFilters }[]> {
    const versions = await t.db.selectDistinct({ id: publishedReports.frameworkVersionId }).from(publishedReports);
    const out: { fv: string; f: DashboardFilters }[] = [];
    for (const { id } of versions) {
      const periods = await t.db
        .selectDistinct({ start: publishedReports.periodStart, end: publishedReports.periodEnd })
        .from(publishedReports)
        .where(eq(publishedReports.frameworkVersionId, id));
      for (const period of [null, ...periods.map((p) => periodKey(p.start, p.end))])
        for (const result of [null, ...RESULTS]) out.push({ fv: id, f: { ...parseFilters({}), frameworkVersionId: id, period, result } });
    }
    return out;
  }

  async function expectKeptEqualsReports(label: string) {
    for (const { fv, f } of await filterSets())
      for (const today of todays)
        expect(await dashboardFiguresKept(t.db, f, fv, today), `${label}: ${JSON.stringify(f)} on ${today}`).toEqual(
          await dashboardFiguresFromReports(t.db, f, fv, today),
        );
    // The version choice and its periods: every version with a report (superseded ones too), newest publication first.
    const versions = await t.db
      .select({ id: publishedReports.frameworkVersionId, latest: max(publishedReports.publishedAt) })
      .from(publishedReports)
      .groupBy(publishedReports.frameworkVersionId)
      .orderBy(desc(max(publishedReports.publishedAt)), asc(publishedReports.frameworkVersionId));
    for (const v of versions) {
      const choice = await dashboardChoices(t.db, v.id);
      expect(choice.versions.map((x) => x.id)).toEqual(versions.map((x) => x.id));
      expect(choice.chosen?.id).toBe(v.id);
      const periods = await t.db
        .selectDistinct({ start: publishedReports.periodStart, end: publishedReports.periodEnd })
        .from(publishedReports)
        .where(eq(publishedReports.frameworkVersionId, v.id))
        .orderBy(asc(publishedReports.periodStart), asc(publishedReports.periodEnd));
      expect(choice.periods).toEqual(periods);
    }
  }

  beforeAll(async () => {
    t = await openTestDb({ seeded: true });
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("agrees on the demo data, for every framework version, period, result and day", async () => {
    const [n] = await t.db.select({ n: sql<number>`count(*)::int` }).from(publishedReports);
    expect(n!.n).toBeGreaterThan(3);
    await expectKeptEqualsReports("demo");
  });

  it("agrees after random publications, supersessions and remediation changes", async () => {
    const r = prng(20261204);
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
    const [fv2] = await t.db.select({ id: frameworkVersions.id }).from(frameworkVersions).orderBy(asc(frameworkVersions.createdAt)).limit(1);
    const periods = [
      ["2025-01-01", "2025-06-30"],
      ["2025-07-01", "2025-12-31"],
      ["2026-01-01", "2026-06-30"],
    ] as const;
    const dues = ["2025-03-01", "2025-09-15", "2026-02-01", "2026-06-30", "2027-01-01"];
    for (let step = 0; step < 40; step++) {
      const current = await t.db.select().from(publishedReports).where(isNull(publishedReports.supersededBy));
      const items = await t.db.select({ id: remediationItems.id }).from(remediationItems);
      const decisions = await t.db.select({ id: reviewDecisions.id, organisationId: reviewDecisions.organisationId }).from(reviewDecisions);
      const op = r();
      if (op < 0.35) {
        // A new report, of a new lineage, for a random vendor, period and result, with or without content releases.
        const from = pick(current);
        const [a] = await t.db.select().from(attestations).where(eq(attestations.id, from.attestationId));
        const period = pick([...periods]);
        const lineageId = crypto.randomUUID();
        const [att] = await t.db
          .insert(attestations)
          .values({ ...a!, id: undefined, lineageId, revision: 1, periodStart: period[0], periodEnd: period[1], status: "published" })
          .returning({ id: attestations.id });
        const releases = pick([0, 0, 1, 3, 5]);
        await t.db.insert(publishedReports).values({
          ...from,
          id: undefined,
          attestationId: att!.id,
          lineageId,
          revision: 1,
          frameworkVersionId: r() < 0.2 ? fv2!.id : from.frameworkVersionId,
          periodStart: period[0],
          periodEnd: period[1],
          result: pick([...RESULTS]),
          overall: (Math.round(r() * 400) / 100).toFixed(2),
          contentReleases: releases,
          contentCanaryStaged: r() < 0.5 ? releases : Math.floor(r() * (releases + 1)),
          publishedAt: new Date(Date.UTC(2026, 0, 1 + step)),
          supersededBy: null,
          supersededAt: null,
        });
      } else if (op < 0.5 && current.length > 2) {
        // A report superseded (its items leave the figures).
        const old = pick(current);
        const by = pick(current.filter((c) => c.id !== old.id));
        await t.db.update(publishedReports).set({ supersededBy: by.id, supersededAt: new Date() }).where(eq(publishedReports.id, old.id));
      } else if (op < 0.7 && items.length) {
        const status = pick(["open", "closed", "accepted", "open"]);
        await t.db
          .update(remediationItems)
          .set({ status })
          .where(eq(remediationItems.id, pick(items).id));
      } else if (op < 0.8 && items.length) {
        await t.db
          .update(remediationItems)
          .set({ dueDate: pick(dues) })
          .where(eq(remediationItems.id, pick(items).id));
      } else if (op < 0.95 && decisions.length) {
        const d = pick(decisions);
        const [control] = await t.db
          .execute<{ id: string }>(sql`select id from catalog_controls limit 1`)
          .then((x) => (Array.isArray(x) ? x : (x as unknown as { rows: { id: string }[] }).rows));
        await t.db.insert(remediationItems).values({
          decisionId: d.id,
          organisationId: d.organisationId,
          controlId: control!.id,
          action: `Step ${step}`,
          dueDate: pick(dues),
          status: pick(["open", "open", "closed"]),
        });
      } else if (items.length) {
        await t.db.delete(remediationItems).where(eq(remediationItems.id, pick(items).id));
      }
      // A direct write of an item's kept columns is put right.
      if (step === 20 && items.length)
        await t.db
          .update(remediationItems)
          .set({ reportFrameworkVersionId: fv2!.id, reportPeriod: "x", reportResult: "meets" })
          .where(eq(remediationItems.id, items[0]!.id));
      if (step % 10 === 9) await expectKeptEqualsReports(`step ${step}`);
    }
    await expectKeptEqualsReports("end");
  }, 300_000);

  it("the migration's backfill builds the same rows as the triggers", async () => {
    const plain = (x: unknown) => (Array.isArray(x) ? [...x] : (x as { rows: unknown[] }).rows);
    const kept = async () => ({
      figures: plain(await t.db.execute(sql`select * from report_figures where reports <> 0 or content_vendors <> 0 order by 1, 2, 3`)),
      vendors: plain(await t.db.execute(sql`select * from report_vendor_figures where content_reports <> 0 order by 1, 2, 3, 4`)),
      days: plain(await t.db.execute(sql`select * from report_open_item_days where open_items <> 0 order by 1, 2, 3, 4`)),
      versions: plain(await t.db.execute(sql`select * from report_versions order by 1`)),
      items: plain(await t.db.execute(sql`select id, report_framework_version_id, report_period, report_result from remediation_items order by id`)),
    });
    const before = await kept();
    const migration = readFileSync(path.join(process.cwd(), "db/migrations/0016_dashboard_figures.sql"), "utf8");
    const backfill = migration.slice(migration.indexOf("-- What is already there")).split("--> statement-breakpoint");
    await t.db.transaction(async (tx) => {
      // From items without report columns where the connection owns the table (PGlite; on PostgreSQL the tests run as the
      // application role, which cannot disable triggers): the backfill's update then sets them all, and its open-day counts
      // start from an empty table either way (an item's old contribution is subtracted from a row that is not there).
      if (process.env.TEST_DB_DRIVER === "pglite") {
        await tx.execute(sql`alter table remediation_items disable trigger remediation_items_report_columns`);
        await tx.execute(sql`alter table remediation_items disable trigger remediation_items_open_days`);
        await tx.execute(sql`update remediation_items set report_framework_version_id = null, report_period = null, report_result = null`);
        await tx.execute(sql`alter table remediation_items enable trigger remediation_items_report_columns`);
        await tx.execute(sql`alter table remediation_items enable trigger remediation_items_open_days`);
      }
      await tx.execute(sql`delete from report_figures`);
      await tx.execute(sql`delete from report_vendor_figures`);
      await tx.execute(sql`delete from report_open_item_days`);
      await tx.execute(sql`delete from report_versions`);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
    });
    expect(await kept()).toEqual(before);
    await expectKeptEqualsReports("after the backfill");
    // The bulk loader's rebuild (seed:scale), from emptied tables and wrong item columns written with the triggers off.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql.raw(BULK_LOAD));
      await tx.execute(sql`update remediation_items set report_framework_version_id = null, report_period = null, report_result = null where status = 'open'`);
      await tx.execute(sql`update remediation_items set report_period = 'wrong' where report_framework_version_id is not null`);
      await tx.execute(sql`delete from report_figures`);
      await tx.execute(sql`delete from report_open_item_days`);
    });
    await rebuildDerived(t.db);
    expect(await kept()).toEqual(before);
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(remediationItems)
      .where(and(eq(remediationItems.status, "open")));
    expect(n!.n).toBeGreaterThan(0);
  });
});
