// The reports dashboard and the score exports at scale, against DATABASE_URL (PostgreSQL seeded
// with `npm run seed:scale`):
//   1. the dashboard page's queries (dashboardChoices, then dashboardData and dashboardVendors, as
//      app/(portal)/reports/page.tsx calls them) for several filters: p50/p95/max over BENCH_RUNS runs,
//      then EXPLAIN (ANALYZE, BUFFERS) of every query of the slowest combination;
//   2. the CSV export (scoreStream over every current report of the version) into a counting sink:
//      wall time, time to first byte and first row, peak RSS, next to psql's \copy of the same query;
//   3. the same as JSON.
// Run: DATABASE_URL=… AUTH_SECRET=… npm run bench:reports [-- --only dashboard|exports]   (BENCH_RUNS=20, BENCH_WARMUP=3)
// Exits non-zero only on errors, never because of a timing.
import { spawn } from "node:child_process";
import os from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { openDatabase, type Db } from "@/db/client";
import * as schema from "@/db/schema";
import { parseConfig } from "@/lib/config";
import { EXPORT_BATCH, scoreStream } from "@/lib/reports/export-stream";
import { writeBenchJson } from "./bench/json";
import { dashboardChoices, dashboardData, dashboardVendors, parseFilters, periodKey, reportFilter } from "@/lib/reports/queries";

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const ONLY = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
const ms = (x: number) => `${x.toFixed(1)} ms`;
const s = (x: number) => `${(x / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};
const summary: [string, string][] = [];
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(", ");

type Params = Record<string, string>;

/** What the dashboard page does for one request, minus rendering. */
async function loadPage(db: Db, params: Params) {
  const filters = parseFilters(params);
  const { chosen, periods } = await dashboardChoices(db, filters.frameworkVersionId);
  if (!chosen) throw new Error("no published reports: run npm run seed:scale first");
  const latest = periods.length ? periodKey(periods[periods.length - 1]!.start, periods[periods.length - 1]!.end) : null;
  const f = { ...filters, frameworkVersionId: chosen.id, period: params.period === "all" ? null : (filters.period ?? latest) };
  const [data, vendors] = await Promise.all([dashboardData(db, f, chosen.id), dashboardVendors(db, chosen.id)]);
  return { data, vendors };
}

async function dashboard(db: Db, raw: postgres.Sql, url: string) {
  const { chosen, periods } = await dashboardChoices(db, null);
  if (!chosen) throw new Error("no published reports: run npm run seed:scale first");
  // The filter lists at most VENDOR_CHOICES_MAX vendors (null above that): the middle vendor by name, from the table.
  const vendors = await raw<{ id: string }[]>`
    select distinct organisation_id as id, vendor_name from published_reports
    where framework_version_id = ${chosen.id} and superseded_by is null order by vendor_name, organisation_id`;
  const vendor = vendors[Math.floor(vendors.length / 2)]!;
  const first = periods[0]!;
  const combos: [string, Params][] = [
    ["latest period (page default)", {}],
    ["all periods", { period: "all" }],
    ["first period", { period: periodKey(first.start, first.end) }],
    ["result: with conditions", { result: "meets_with_conditions" }],
    ["one vendor", { vendor: vendor.id }],
    ["one vendor, all periods", { vendor: vendor.id, period: "all" }],
    ["page 10", { page: "10" }],
    ["all periods, page 200", { period: "all", page: "200" }],
  ];
  console.log(
    `\n1. Dashboard (${chosen.label}, ${periods.length} periods, ${vendors.length} vendors in the filter list; ${WARMUP} warm-up + ${RUNS} runs each)`,
  );
  console.log(`   ${"filters".padEnd(30)} ${"p50".padStart(10)} ${"p95".padStart(10)} ${"max".padStart(10)}  reports  heatmap rows  overdue`);
  let slowest: { name: string; params: Params; p50: number } | null = null;
  for (const [name, params] of combos) {
    for (let i = 0; i < WARMUP; i++) await loadPage(db, params);
    const times: number[] = [];
    let last: Awaited<ReturnType<typeof loadPage>> | null = null;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      last = await loadPage(db, params);
      times.push(performance.now() - t0);
    }
    const p50 = quantile(times, 0.5);
    console.log(
      `   ${name.padEnd(30)} ${ms(p50).padStart(10)} ${ms(quantile(times, 0.95)).padStart(10)} ${ms(Math.max(...times)).padStart(10)}  ${String(last!.data.total).padStart(7)}  ${String(last!.data.rows.length).padStart(12)}  ${String(last!.data.overdue.total).padStart(7)}`,
    );
    summary.push([`dashboard: ${name}`, `p50 ${ms(p50)}, p95 ${ms(quantile(times, 0.95))} (${last!.data.total} reports)`]);
    if (!slowest || p50 > slowest.p50) slowest = { name, params, p50 };
  }
  await explainPage(raw, url, slowest!);
  const check = [combos[0]!, combos[1]!, [slowest!.name, slowest!.params] as [string, Params]];
  await candidateIndexes(
    raw,
    url,
    check.filter(([name], i) => check.findIndex(([n]) => n === name) === i),
  );
}

type Captured = { sql: string; params: unknown[] };
const explain = async (raw: postgres.Sql | postgres.TransactionSql, q: Captured) => {
  const plan = (await raw.unsafe(`explain (analyze, buffers) ${q.sql}`, q.params as never[])).map((r) => String(r["QUERY PLAN"]));
  return { plan, time: Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? "")?.[1] ?? 0), node: plan[0]!.trim().replace(/\s+\(cost.*$/, "") };
};
const describe = (q: Captured) => q.sql.replace(/"/g, "").replace(/\s+/g, " ");

/** The SQL the page sends for one combination, captured through drizzle's logger on a separate client. */
async function capture(url: string, params: Params): Promise<Captured[]> {
  const captured: Captured[] = [];
  const client = postgres(url, { max: 1, onnotice: () => {} });
  const db = drizzle(client, { schema, casing: "snake_case", logger: { logQuery: (sql, p) => void captured.push({ sql, params: p }) } }) as unknown as Db;
  try {
    await loadPage(db, params);
  } finally {
    await client.end({ timeout: 5 });
  }
  return captured;
}

/** EXPLAIN ANALYZE of every statement of the slowest combination, and the plan of the heaviest one. */
async function explainPage(raw: postgres.Sql, url: string, slowest: { name: string; params: Params }) {
  const captured = await capture(url, slowest.params);
  console.log(`\n   EXPLAIN (ANALYZE, BUFFERS) of the ${captured.length} statements of "${slowest.name}":`);
  let heaviest: { time: number; plan: string[]; sql: string } | null = null;
  let total = 0;
  for (const q of captured) {
    const { plan, time, node } = await explain(raw, q);
    total += time;
    console.log(`   ${ms(time).padStart(10)}  ${node.padEnd(28)} ${describe(q).slice(0, 100)}…`);
    if (!heaviest || time > heaviest.time) heaviest = { time, plan, sql: describe(q) };
  }
  console.log(`   ${ms(total).padStart(10)}  in all (server execution time; the page runs data and vendors concurrently)`);
  console.log(`\n   Plan of the heaviest (${ms(heaviest!.time)}): ${heaviest!.sql.slice(0, 160)}…`);
  for (const line of heaviest!.plan) if (!/^\s*(Planning:|Buffers: shared hit=\d+$)/.test(line)) console.log(`     ${line}`);
}

/**
 * Indexes the dashboard could use, created inside a transaction that is rolled back (nothing stays
 * in the database), with the statements of two combinations explained before and after.
 */
const CANDIDATES = [
  // Heatmap page: rows in display order without sorting every current report's wide row.
  `create index bench_heatmap_idx on published_reports (framework_version_id, vendor_name, product_name, period_start, id) include (organisation_id, period_end) where superseded_by is null`,
  // Counts, outcomes, trend and canary figures from the index alone (index-only scans).
  `create index bench_current_idx on published_reports (framework_version_id, period_start, period_end, result) include (organisation_id, overall, content_releases, content_canary_staged) where superseded_by is null`,
  // Framework choice: newest publication per version.
  `create index bench_versions_idx on published_reports (framework_version_id, framework_label, published_at)`,
  // Overdue conditions: open items by due date.
  `create index bench_overdue_idx on remediation_items (due_date) include (decision_id) where status = 'open'`,
];

async function candidateIndexes(raw: postgres.Sql, url: string, combos: [string, Params][]) {
  console.log(`\n   Candidate indexes (created in a transaction, then rolled back):`);
  for (const ddl of CANDIDATES) console.log(`     ${ddl}`);
  for (const [name, params] of combos) {
    const captured = await capture(url, params);
    const before: Awaited<ReturnType<typeof explain>>[] = [];
    for (const q of captured) before.push(await explain(raw, q));
    const after: Awaited<ReturnType<typeof explain>>[] = [];
    await raw
      .begin(async (tx) => {
        for (const ddl of CANDIDATES) await tx.unsafe(ddl);
        await tx.unsafe("analyze published_reports, remediation_items");
        for (const q of captured) after.push(await explain(tx, q));
        throw new Error("rollback");
      })
      .catch((err: unknown) => {
        if (!(err instanceof Error && err.message === "rollback")) throw err;
      });
    const sum = (xs: { time: number }[]) => xs.reduce((acc, x) => acc + x.time, 0);
    console.log(`\n   "${name}": ${ms(sum(before))} → ${ms(sum(after))} server time over ${captured.length} statements`);
    captured.forEach((q, i) => {
      const from = /from (\w+)/.exec(describe(q))?.[1] ?? "?";
      console.log(
        `   ${ms(before[i]!.time).padStart(10)} → ${ms(after[i]!.time).padStart(9)}  ${from.padEnd(18)} ${after[i]!.node.padEnd(34)} ${describe(q).slice(7, 80)}…`,
      );
    });
    summary.push([`EXPLAIN "${name}" with candidate indexes`, `${ms(sum(before))} → ${ms(sum(after))} (server time, ${captured.length} statements)`]);
  }
}

type Sink = { bytes: number; lines: number; seconds: number; cpu: number; firstByte: number; firstRow: number; peakRss: number; baseRss: number };

/** Reads the stream to the end counting bytes and lines; samples RSS every 50 ms. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<Sink> {
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  let lines = 0;
  let firstByte = 0;
  let firstRow = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!firstByte) firstByte = performance.now() - t0;
      else if (!firstRow) firstRow = performance.now() - t0;
      bytes += value.byteLength;
      for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    }
  } finally {
    clearInterval(sampler);
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const cpu = process.cpuUsage(cpu0);
  return { bytes, lines, seconds: (performance.now() - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, firstByte, firstRow, peakRss, baseRss };
}

/** psql's \copy of the query, to /dev/null (timed) or to stdout (to count the bytes). */
function psqlCopy(url: string, query: string, target: "/dev/null" | "stdout"): Promise<{ seconds: number; rows: number; bytes: number }> {
  const t0 = performance.now();
  const to = target === "stdout" ? "STDOUT" : "'/dev/null'";
  return new Promise((resolve, reject) => {
    const child = spawn("psql", ["-X", "-v", "ON_ERROR_STOP=1", url, "-c", `\\copy (${query}) TO ${to} WITH CSV HEADER`], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let bytes = 0;
    let tail = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      bytes += d.length;
      tail = (tail + d.toString("latin1")).slice(-200);
    });
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`psql exited ${code}: ${err}`));
      const rows = Number(/COPY (\d+)/.exec(tail)?.[1] ?? NaN);
      // To stdout, the trailing "COPY n" status line is not part of the data.
      resolve({ seconds: (performance.now() - t0) / 1000, rows, bytes: target === "stdout" ? bytes - (tail.length - tail.lastIndexOf("COPY ")) : 0 });
    });
  });
}

async function exports(db: Db, raw: postgres.Sql, url: string) {
  const { chosen } = await dashboardChoices(db, null);
  if (!chosen) throw new Error("no published reports");
  const filters = { frameworkVersionId: chosen.id, period: null, result: null, vendor: null, page: 1 };
  const where = reportFilter(filters, chosen.id, { period: true });
  const [{ n: expected } = { n: 0 }] = await raw<
    { n: number }[]
  >`select count(*)::int as n from report_scores s join published_reports r on r.id = s.report_id where r.framework_version_id = ${chosen.id} and r.superseded_by is null`;
  // The same joins, columns and order as scoreRowsAfter/SCORE_COLUMNS, in one statement.
  const query =
    `SELECT s.report_id, r.vendor_name AS vendor, r.product_name AS product, r.framework_label AS framework, r.period_start, r.period_end, r.revision, r.result, r.submission_digest, s.control_id, s.control_title, s.domain, s.weight, s.must, s.score ` +
    `FROM report_scores s JOIN published_reports r ON r.id = s.report_id WHERE r.framework_version_id = '${chosen.id}' AND r.superseded_by IS NULL ORDER BY s.report_id, s.position`;
  console.log(`\n2. CSV export of every current report of ${chosen.label}: ${expected.toLocaleString("en")} score rows, EXPORT_BATCH ${EXPORT_BATCH}`);
  await psqlCopy(url, query, "/dev/null"); // warms the cache for both sides

  // As the portal runs it on PostgreSQL: COPY on a connection of its own (lib/reports/export-copy.ts).
  const csv = await drain(
    scoreStream(db, where, "csv", { source: { framework: chosen.label, filters: "", generatedAt: new Date().toISOString() } }, undefined, {
      copyFrom: process.env.DATABASE_URL,
    }),
  );
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const psql = await psqlCopy(url, query, "/dev/null");
  const psqlOut = await psqlCopy(url, query, "stdout");
  const ratio = csv.seconds / psql.seconds;
  const csvRows = csv.lines - 1;
  console.log(
    `   portal scoreStream csv:  ${s(csv.seconds * 1000)}  ${csvRows.toLocaleString("en")} rows${csvRows === expected ? "" : ` (EXPECTED ${expected})`}  ${mb(csv.bytes)}  ${(csv.bytes / 1024 / 1024 / csv.seconds).toFixed(0)} MB/s  (Node CPU ${s(csv.cpu * 1000)})`,
  );
  console.log(
    `     first byte (header) ${ms(csv.firstByte)}, first rows ${ms(csv.firstRow)}; RSS before ${mb(csv.baseRss)}, peak sampled ${mb(csv.peakRss)} (+${mb(csv.peakRss - csv.baseRss)}); process maxRSS ${mb(maxRss)}`,
  );
  console.log(
    `   psql \\copy to /dev/null: ${s(psql.seconds * 1000)}  ${psql.rows.toLocaleString("en")} rows  (to stdout: ${s(psqlOut.seconds * 1000)}, ${mb(psqlOut.bytes)})`,
  );
  console.log(`   ratio portal/psql:       ${ratio.toFixed(2)}×  (aim ≤ 2×)${ratio <= 2 ? "" : "  ABOVE TARGET"}`);
  summary.push([
    "CSV export (portal)",
    `${s(csv.seconds * 1000)}, ${csvRows.toLocaleString("en")} rows, ${mb(csv.bytes)}, first rows ${ms(csv.firstRow)}, peak RSS ${mb(csv.peakRss)} (+${mb(csv.peakRss - csv.baseRss)})`,
  ]);
  summary.push(["CSV export (psql \\copy)", `${s(psql.seconds * 1000)}, ${psql.rows.toLocaleString("en")} rows, ${mb(psqlOut.bytes)}`]);
  summary.push(["CSV ratio portal/psql", `${ratio.toFixed(2)}× (aim ≤ 2×)`]);
  writeBenchJson({
    rows: csvRows,
    expectedRows: expected,
    bytes: csv.bytes,
    portalSeconds: csv.seconds,
    psqlCopySeconds: psql.seconds,
    ratio,
    portalMBps: csv.bytes / 1024 / 1024 / csv.seconds,
    firstRowMs: csv.firstRow,
    peakRssGrowthMB: (csv.peakRss - csv.baseRss) / 1024 / 1024,
  });

  // The paged path (JSON, and CSV on PGlite): the database's share of it, one keyset page explained at
  // five points of the export (the last one may plan differently). The CSV above came from COPY.
  const pages = Math.ceil((expected + 1) / EXPORT_BATCH);
  const keyAt = async (offset: number, desc = false) =>
    (
      await raw<{ reportId: string; position: number }[]>`
        select s.report_id as "reportId", s.position from report_scores s join published_reports r on r.id = s.report_id
        where r.framework_version_id = ${chosen.id} and r.superseded_by is null
        order by ${desc ? raw`s.report_id desc, s.position desc` : raw`s.report_id, s.position`} offset ${offset} limit 1`
    )[0]!;
  const probes: [string, { reportId: string; position: number }][] = [
    ["first", { reportId: "00000000-0000-0000-0000-000000000000", position: 0 }],
    ["1/4", await keyAt(Math.floor(expected / 4))],
    ["1/2", await keyAt(Math.floor(expected / 2))],
    ["3/4", await keyAt(Math.floor((expected * 3) / 4))],
    ["last", await keyAt(Math.min(EXPORT_BATCH, expected - 1), true)],
  ];
  const pageTimes: number[] = [];
  for (const [label, key] of probes) {
    const plan = (
      await raw.unsafe(
        `explain (analyze, buffers) ${query.replace(" ORDER BY", " AND (s.report_id, s.position) > ($1::uuid, $2) ORDER BY")} LIMIT ${EXPORT_BATCH}`,
        [key.reportId, key.position],
      )
    ).map((r) => String(r["QUERY PLAN"]));
    const time = Number(/Execution Time: ([\d.]+)/.exec(plan.at(-1) ?? "")?.[1] ?? 0);
    pageTimes.push(time);
    console.log(
      `   keyset page (${label.padEnd(5)}):    ${ms(time).padStart(8)} in the database; ${plan
        .filter((l) => /Scan|Nested|Hash Join|Merge Join|Memoize/.test(l))
        .map((l) =>
          l
            .trim()
            .replace(/^->\s*/, "")
            .replace(/\s+\(cost.*$/, ""),
        )
        .join(", ")}`,
    );
  }
  const typical = quantile(pageTimes.slice(0, -1), 0.5);
  const dbMs = typical * (pages - 1) + pageTimes.at(-1)!;
  console.log(
    `   paged path: ≈ ${s(dbMs)} in the database for ${pages} keyset pages; the CSV above (COPY) used ${s(csv.cpu * 1000)} of Node CPU in ${s(csv.seconds * 1000)}`,
  );
  summary.push(["paged path, database share", `≈ ${s(dbMs)} for ${pages} keyset pages (JSON, and CSV on PGlite)`]);

  console.log(`\n3. JSON export of the same rows`);
  const json = await drain(scoreStream(db, where, "json", { source: { framework: chosen.label, filters: "", generatedAt: new Date().toISOString() } }));
  const jsonRows = json.lines - 2;
  console.log(
    `   portal scoreStream json: ${s(json.seconds * 1000)}  ${jsonRows.toLocaleString("en")} rows${jsonRows === expected ? "" : ` (EXPECTED ${expected})`}  ${mb(json.bytes)}  ${(json.bytes / 1024 / 1024 / json.seconds).toFixed(0)} MB/s  (Node CPU ${s(json.cpu * 1000)})`,
  );
  console.log(
    `     first byte ${ms(json.firstByte)}, first rows ${ms(json.firstRow)}; RSS before ${mb(json.baseRss)}, peak sampled ${mb(json.peakRss)} (+${mb(json.peakRss - json.baseRss)}); process maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`,
  );
  summary.push([
    "JSON export (portal)",
    `${s(json.seconds * 1000)}, ${jsonRows.toLocaleString("en")} rows, ${mb(json.bytes)}, first rows ${ms(json.firstRow)}, peak RSS ${mb(json.peakRss)} (+${mb(json.peakRss - json.baseRss)})`,
  ]);
}

async function main() {
  const config = process.env.DATABASE_URL ? parseConfig() : null;
  if (config?.database.kind !== "postgres") {
    console.error("bench:reports needs DATABASE_URL pointing at PostgreSQL seeded with `npm run seed:scale`.");
    process.exit(2);
  }
  const handle = await openDatabase(config.database);
  const raw = postgres(config.database.url, { max: 1, onnotice: () => {} });
  try {
    const [c] = await raw<
      { reports: number; scores: number; size: string }[]
    >`select (select count(*)::int from published_reports) as reports, (select count(*)::int from report_scores) as scores, pg_size_pretty(pg_database_size(current_database())) as size`;
    console.log(
      `Reports benchmark: ${c!.reports.toLocaleString("en")} published reports, ${c!.scores.toLocaleString("en")} score rows, database ${c!.size}; Node ${process.version}, pool ${config.database.poolMax}; ${os.cpus().length} CPUs, load ${load()}`,
    );
    if (ONLY !== "exports") await dashboard(handle.db, raw, config.database.url);
    if (ONLY !== "dashboard") await exports(handle.db, raw, config.database.url);
    summary.push(["load average (1, 5, 15 min) at the end", `${load()} on ${os.cpus().length} CPUs (other work on the machine inflates every figure)`]);
    console.log("\nSummary");
    for (const [k, v] of summary) console.log(`  ${k.padEnd(42)} ${v}`);
  } finally {
    await raw.end({ timeout: 5 });
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
