// npm run bench -- [--vendors 100,2000] [--clients 1,10] [--seconds 5] [--seed 1] [--json FILE] [--fresh]
//                  [--drop] [--skip statements,latency,bare,js,throughput] [--upload-mb 256] [--analysis-records 10000]
//
// Issue 15's benchmark, one run, one table (and the same figures as JSON, to compare commits):
//  - per main page and API route, at each size of the scale data: median and 97.5th-percentile latency and
//    requests/s with 1 and with 10 concurrent signed-in clients (autocannon, keep-alive, a closed loop), and the
//    ratio of each median to the baseline route's (/up: a page rendered per request without the database) in
//    the same run; the baseline itself against a bare Next page (two files, same Next) on the same machine;
//  - the SQL statements each page sends (RINGFENCE_STATEMENT_LOG, lib/server/statement-count.ts) at each size;
//  - the growth curve: each page's median at every size against the smallest;
//  - first-load JavaScript per page (npm run bench:js) and throughput: rollout analysis, an upload through the
//    real server next to sha256sum, the CSV export next to psql \copy, verifying the transparency log.
// Each size is a PostgreSQL database on TEST_DATABASE_URL's server (or DATABASE_URL's) filled by seed:scale,
// named rf_bench_v<vendors>_s<seed> and kept for the next run (seeding 2,000 vendors takes minutes; --fresh
// seeds again, --drop removes them at the end). Needs a build in $NEXT_DIST_DIR (default .next).
// Prints figures; exits 1 only when something could not be measured (a page that does not answer 200, a
// sub-bench that failed), never because of a timing. Targets are marked in the table, not enforced.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { createApiToken } from "@/lib/rollouts/tokens";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { freePort } from "../faults/cluster";
import { assertBuilt, distDir, get, signIn, startPortal, type Portal } from "../faults/portal";
import { BENCH_PASSWORD, officerSamples, prepareAccounts, type Account } from "./accounts";
import { buildBareNext, startBareNext } from "./bare-next";
import { measureLoad, type LoadFigures, type LoadTarget } from "./load";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const list = (name: string, fallback: string) => (opt(name) ?? fallback).split(",").map(Number);
const sizes = list("vendors", "100,2000");
const clientCounts = list("clients", "1,10");
const seconds = Number(opt("seconds") ?? 5);
const seed = Number(opt("seed") ?? 1);
const skip = new Set((opt("skip") ?? "").split(",").filter(Boolean));
const uploadMb = Number(opt("upload-mb") ?? 256);
const analysisRecords = Number(opt("analysis-records") ?? 10_000);
for (const [name, values] of [
  ["vendors", sizes],
  ["clients", clientCounts],
] as const)
  if (!values.length || values.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--${name} takes whole numbers separated by commas`);
if (!(seconds > 0)) throw new Error("--seconds takes a positive number");
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) throw new Error("Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server on which the bench may create databases.");
assertBuilt();

/** Issue 15's targets, marked in the table. */
const TARGET = { baselineOverBare: 1.5, pageOverBaseline: 2, growth: 1.3, jsKb: 180 };

type Route = { key: string; label: string; as: Account["role"] | "token"; path: string; method?: "POST"; expect?: number };
type SizeResult = {
  vendors: number;
  database: string;
  seededSeconds: number | null;
  routes: Record<string, { path: string; statements: number | null; load: LoadFigures[] }>;
};
type Problem = string;

const log = (s: string) => console.log(s);
const problems: Problem[] = [];
const results: SizeResult[] = [];
let bare: LoadFigures[] = [];
const started = new Date();
const root = fs.mkdtempSync(path.join(os.tmpdir(), "rf-bench-"));
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const authSecret = crypto.randomBytes(32).toString("base64url");
const rev = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "unknown";
const dirty = spawnSync("git", ["status", "--porcelain"], { encoding: "utf8" }).stdout.trim() !== "";
const throughput: Record<string, Record<string, unknown> | { failed: string }> = {};
let js: { rows: { role: string; page: string; gzipKb: number }[] } | null = null;

log(
  `Ringfence bench: commit ${rev}${dirty ? " (with uncommitted changes)" : ""}, build ${distDir()}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}; ` +
    `sizes ${sizes.join(", ")} vendors; ${clientCounts.join(" and ")} clients, ${seconds} s each after 1 s of warm-up; load average ${loadAverage()}`,
);

try {
  if (!skip.has("bare") && !skip.has("latency")) buildBareNext(log);
  for (const vendors of sizes) results.push(await benchSize(vendors));
  if (!skip.has("js")) js = runJs();
  if (!skip.has("throughput")) runThroughput();
} finally {
  if (args.includes("--drop")) for (const r of results) await admin.unsafe(`drop database if exists ${r.database} with (force)`);
  await admin.end();
  fs.rmSync(root, { recursive: true, force: true });
}

printTable();
const jsonFile = opt("json") ?? path.join(".data-bench", `bench-${rev}-${started.toISOString().replace(/[:.]/g, "-")}.json`);
fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
// Formatted as the repository's formatter would (prettier), so a committed copy passes `prettier --check`.
const prettier = await import("prettier");
fs.writeFileSync(
  jsonFile,
  await prettier.format(
    JSON.stringify(
      {
        commit: rev,
        uncommittedChanges: dirty,
        started: started.toISOString(),
        finished: new Date().toISOString(),
        machine: {
          cpus: os.cpus().length,
          model: os.cpus()[0]?.model ?? null,
          memoryGb: Math.round(os.totalmem() / 2 ** 30),
          node: process.version,
          loadAverageAtEnd: loadAverage(),
        },
        options: { sizes, clientCounts, seconds, seed },
        targets: TARGET,
        bareNext: bare,
        sizes: results,
        firstLoadJs: js,
        throughput,
        problems,
      },
      null,
      2,
    ),
    { ...(await prettier.resolveConfig(path.resolve(jsonFile))), filepath: path.resolve(jsonFile) },
  ),
);
log(`\nFigures as JSON: ${jsonFile}`);
if (problems.length) {
  log(`\n${problems.length} thing(s) could not be measured:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------------------------

async function benchSize(vendors: number): Promise<SizeResult> {
  const database = `rf_bench_v${vendors}_s${seed}`;
  const databaseUrl = urlFor(database);
  const dataDir = path.resolve(".data-bench", `v${vendors}_s${seed}`);
  const seededSeconds = await ensureSeeded(vendors, database, databaseUrl, dataDir);
  const accounts = await prepareAccounts(databaseUrl);
  const routes = await findRoutes(databaseUrl, accounts);
  const token = await apiToken(databaseUrl, accounts);
  const out: SizeResult = { vendors, database, seededSeconds, routes: {} };
  for (const r of routes) out.routes[r.key] = { path: r.path, statements: null, load: [] };

  // Statements: a server that counts them; each page opened three times, the first not counted (per-process
  // caches), and of the other two the smaller count (a session's once-a-minute last-seen update).
  if (!skip.has("statements")) {
    const logFile = path.join(root, `statements-${vendors}.jsonl`);
    const portal = await serve(databaseUrl, dataDir, { RINGFENCE_STATEMENT_LOG: logFile });
    try {
      const cookies = await signInAll(portal, accounts);
      for (const r of routes.filter((x) => x.as !== "token" && x.key !== "baseline")) {
        const headers = { cookie: cookies.get(r.as as Account["role"])! };
        await get(`${portal.origin}${r.path}`, headers, 120_000);
        const counts: number[] = [];
        for (let i = 0; i < 2; i++) {
          fs.writeFileSync(logFile, "");
          const answer = await get(`${portal.origin}${r.path}`, headers, 120_000);
          if (answer.status !== 200) problems.push(`${vendors} vendors: ${r.path} answered ${answer.status}`);
          counts.push(await countFor(logFile, r.path));
        }
        out.routes[r.key]!.statements = Math.min(...counts);
      }
    } finally {
      await portal.kill("SIGTERM");
    }
  }

  // Latency: a server without the counter. The API's rate limits are raised: the bench measures the route.
  if (!skip.has("latency")) {
    const portal = await serve(databaseUrl, dataDir, { RATE_LIMITS: "api.token=999999999/60,api.organisation=999999999/60" });
    try {
      const cookies = await signInAll(portal, accounts);
      if (!skip.has("bare") && results.length === 0) bare = await benchBare();
      let release = 0;
      const runId = crypto.randomBytes(3).toString("hex");
      for (const r of routes) {
        const headers: Record<string, string> =
          r.as === "token" ? { authorization: `Bearer ${token.token}`, "content-type": "application/json" } : { cookie: cookies.get(r.as)! };
        const target: LoadTarget = {
          url: `${portal.origin}${r.path}`,
          method: r.method ?? "GET",
          headers,
          expect: r.expect ?? 200,
          body:
            r.method === "POST"
              ? () => JSON.stringify({ productId: token.productId, record: { ...referenceModelContent, releaseId: `bench-${runId}-${release++}` } })
              : undefined,
        };
        // One plain request first: a redirect or an error page would otherwise be measured as a fast page.
        const first = await get(target.url, headers, 120_000).catch((e: Error) => ({ status: 0, body: e.message }));
        if (r.method !== "POST" && (first.status !== 200 || /<form[^>]+action="[^"]*\/api\/auth\/callback/.test(first.body)))
          problems.push(`${vendors} vendors: ${r.path} as ${r.as} answered ${first.status}`);
        for (const clients of clientCounts) {
          const figures = await measureLoad(target, clients, seconds);
          out.routes[r.key]!.load.push(figures);
          if (figures.requests === 0) problems.push(`${vendors} vendors: ${r.label} with ${clients} client(s): no answer in ${seconds} s`);
          else if (figures.unexpected || figures.errors)
            problems.push(`${vendors} vendors: ${r.label} with ${clients} client(s): ${figures.unexpected} unexpected answers, ${figures.errors} errors`);
          log(`  ${String(vendors).padStart(6)} vendors  ${r.label.padEnd(26)} ${String(clients).padStart(2)} client(s): ${fmtLoad(figures)}`);
        }
      }
    } finally {
      await portal.kill("SIGTERM");
    }
  }
  return out;
}

async function benchBare(): Promise<LoadFigures[]> {
  const server = await startBareNext(await freePort(3680, 3699));
  try {
    const out: LoadFigures[] = [];
    for (const clients of clientCounts) {
      const figures = await measureLoad({ url: `${server.origin}/` }, clients, seconds);
      log(`  bare Next page                   ${String(clients).padStart(2)} client(s): ${fmtLoad(figures)}`);
      out.push(figures);
    }
    return out;
  } finally {
    await server.stop();
  }
}

/** The main pages and API routes of issue 15, with real ids from this database. */
async function findRoutes(databaseUrl: string, accounts: Account[]): Promise<Route[]> {
  const officer = accounts.find((a) => a.role === "vendor_officer")!;
  const { attestationId, rolloutId } = await officerSamples(databaseUrl, officer.email);
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    // A panel the lead reviewer sits on (its attestation's review and reconciliation pages), a current published report.
    const [panel] = await sql<{ attestationId: string }[]>`
      select a.id as "attestationId" from panel_members m join users u on u.id = m.user_id join review_panels p on p.id = m.panel_id
      join attestations a on a.lineage_id = p.lineage_id
      where u.email = 'scale-lead@scale.example' and m.removed_at is null and a.status in ('reconciliation', 'in_review', 'decided')
      order by a.status = 'reconciliation' desc, a.id limit 1`;
    const [report] = await sql<{ id: string }[]>`select id from published_reports where superseded_by is null order by id limit 1`;
    const need = (what: string, id: string | null | undefined) => {
      if (!id) throw new Error(`the scale data has no ${what}: seed more vendors`);
      return id;
    };
    return [
      { key: "baseline", label: "baseline /up", as: "vendor_officer", path: "/up" },
      // Not one of the issue's pages: the cheapest signed-in page (session check, the portal's shell, one form), the floor under the others.
      { key: "account", label: "signed-in floor /account", as: "vendor_officer", path: "/account" },
      { key: "vendor-home", label: "vendor home", as: "vendor_officer", path: "/vendor" },
      { key: "editor", label: "attestation editor", as: "vendor_officer", path: `/vendor/attestations/${need("attestation", attestationId)}` },
      { key: "evidence", label: "evidence vault", as: "vendor_officer", path: "/vendor/evidence" },
      { key: "rollouts", label: "rollout list", as: "vendor_officer", path: "/vendor/rollouts" },
      { key: "rollout", label: "rollout record", as: "vendor_officer", path: `/vendor/rollouts/${need("rollout record", rolloutId)}` },
      { key: "review-list", label: "review queue", as: "platform_reviewer", path: "/review" },
      { key: "review", label: "review screen", as: "platform_reviewer", path: `/review/${need("panel", panel?.attestationId)}` },
      { key: "reconcile", label: "reconciliation", as: "platform_reviewer", path: `/review/${panel!.attestationId}/reconcile` },
      { key: "report", label: "report", as: "gov_observer", path: `/reports/${need("published report", report?.id)}` },
      { key: "dashboard", label: "ecosystem dashboard", as: "gov_observer", path: "/reports" },
      { key: "api-list", label: "API list (GET)", as: "token", path: "/api/v1/rollouts" },
      { key: "api-create", label: "API create (POST)", as: "token", path: "/api/v1/rollouts", method: "POST", expect: 201 },
    ];
  } finally {
    await sql.end();
  }
}

/** An API token of the officer's organisation, and a product of it for new records (earlier runs' removed). */
async function apiToken(databaseUrl: string, accounts: Account[]): Promise<{ token: string; productId: string }> {
  const officer = accounts.find((a) => a.role === "vendor_officer")!;
  const { organisationId } = await officerSamples(databaseUrl, officer.email);
  const handle = await openDatabase({ kind: "postgres", url: databaseUrl, poolMax: 1, appRole: null });
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const [product] = await sql<{ id: string }[]>`select id from products where organisation_id = ${organisationId} order by id limit 1`;
    // The records earlier runs' "API create" rows added (about 1,500 a run): left in, the officer's
    // rollout list and the API list would read a larger organisation at every run.
    await sql`delete from rollout_records where organisation_id = ${organisationId} and release_id like 'bench-%'`;
    const { token } = await createApiToken(handle.db, { userId: null, organisationId }, { name: "bench", scopes: ["rollouts:write", "rollouts:read"] });
    return { token, productId: product!.id };
  } finally {
    await sql.end();
    await handle.close();
  }
}

/** Seeds the size's database unless a complete one is there (marked by a comment when seeding finished). */
async function ensureSeeded(vendors: number, database: string, databaseUrl: string, dataDir: string): Promise<number | null> {
  const mark = `ringfence bench: seed:scale --vendors ${vendors} --seed ${seed} complete`;
  const [existing] = await admin<{ comment: string | null }[]>`
    select shobj_description(oid, 'pg_database') as comment from pg_database where datname = ${database}`;
  const tsx = [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server"];
  const env = { ...process.env, DATABASE_URL: databaseUrl, RINGFENCE_DATA_DIR: dataDir, AUTH_SECRET: authSecret };
  if (existing && existing.comment === mark && !args.includes("--fresh") && fs.existsSync(dataDir)) {
    // Kept from an earlier run: brought to this commit's schema.
    const migrated = spawnSync(process.execPath, [...tsx, "scripts/db-migrate.ts"], { env, encoding: "utf8" });
    if (migrated.status !== 0) throw new Error(`migrating ${database} failed: ${migrated.stderr || migrated.stdout}`);
    log(`${vendors} vendors: database ${database} kept from an earlier run (--fresh to seed it again)`);
    return null;
  }
  await admin.unsafe(`drop database if exists ${database} with (force)`);
  await admin.unsafe(`create database ${database}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const t0 = performance.now();
  log(`${vendors} vendors: seeding ${database} (seed:scale --vendors ${vendors} --seed ${seed}) …`);
  const seeded = spawnSync(process.execPath, [...tsx, "scripts/seed-scale.ts", "--vendors", String(vendors), "--seed", String(seed), "--log-events", "1000"], {
    env,
    encoding: "utf8",
    stdio: ["ignore", "inherit", "pipe"],
  });
  if (seeded.status !== 0) throw new Error(`seed:scale failed: ${seeded.stderr}`);
  await admin.unsafe(`comment on database ${database} is '${mark}'`);
  const took = (performance.now() - t0) / 1000;
  log(`${vendors} vendors: seeded in ${took.toFixed(0)} s`);
  return took;
}

async function serve(databaseUrl: string, dataDir: string, env: Record<string, string>): Promise<Portal> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { AUTH_SECRET: authSecret });
  try {
    return await startPortal({ port: await freePort(3650, 3679), dataDir, databaseUrl, authSecret });
  } finally {
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
  }
}

async function signInAll(portal: Portal, accounts: Account[]): Promise<Map<Account["role"], string>> {
  const cookies = new Map<Account["role"], string>();
  for (const a of accounts) cookies.set(a.role, await signIn(portal.origin, a.email, BENCH_PASSWORD));
  return cookies;
}

/** The statement count the portal logged for `page` (appended when the answer finishes). */
async function countFor(file: string, page: string): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
    const mine = lines.map((l) => JSON.parse(l) as { path: string; statements: number }).filter((l) => l.path === page);
    if (mine.length) return mine[mine.length - 1]!.statements;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the portal logged no statement count for ${page}`);
}

function runJs(): typeof js {
  const file = path.join(root, "js.json");
  log("\nFirst-load JavaScript: npm run bench:js …");
  const r = spawnSync(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/bench-js.ts", "--json", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (r.status !== 0 || !fs.existsSync(file)) {
    problems.push(`bench:js failed (exit ${r.status}): ${(r.stderr || r.stdout).slice(-400)}`);
    return null;
  }
  return JSON.parse(fs.readFileSync(file, "utf8")) as typeof js;
}

function runThroughput(): void {
  // The database-bound rows on the size the latency targets are read at: 2,000 vendors when measured.
  const largest = results.find((r) => r.vendors === 2000) ?? results.at(-1);
  const tsx = (script: string, ...rest: string[]) => [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", script, ...rest];
  const benches: [string, string[], Record<string, string>][] = [
    ["rollout analysis", tsx("scripts/bench-analysis.ts", String(analysisRecords)), {}],
    ["upload", tsx("scripts/bench-upload.ts"), { BENCH_BYTES: String(uploadMb * 1024 * 1024) }],
  ];
  if (largest) {
    const env = {
      DATABASE_URL: urlFor(largest.database),
      RINGFENCE_DATA_DIR: path.resolve(".data-bench", `v${largest.vendors}_s${seed}`),
      AUTH_SECRET: authSecret,
    };
    benches.push(["CSV export", tsx("scripts/bench-reports.ts", "--only", "exports"), env]);
    benches.push(["log verification", tsx("scripts/bench-log.ts", "--skip", "profile,proposed,sign,append"), env]);
  }
  for (const [name, argv, env] of benches) {
    const file = path.join(root, `${name.replace(/\W+/g, "-")}.json`);
    log(`\nThroughput: ${name} …`);
    const r = spawnSync(process.execPath, argv, { env: { ...process.env, ...env, BENCH_JSON: file }, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (r.status !== 0 || !fs.existsSync(file)) {
      const why = `exit ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" / ")}`;
      problems.push(`${name} failed (${why})`);
      throughput[name] = { failed: why };
    } else throughput[name] = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown>;
  }
}

// ---------------------------------------------------------------------------------------------------------

function printTable(): void {
  const first = results[0];
  const last = results.at(-1);
  if (!first || !last) return;
  // The size the issue's latency targets are read at: 2,000 vendors when measured, else the largest.
  const main = results.find((r) => r.vendors === 2000) ?? last;
  const base = main.routes.baseline?.load ?? [];
  const ratio = (a: number | undefined, b: number | undefined) => (a && b ? a / b : null);
  const x = (v: number | null, limit?: number) => (v === null ? "—" : `${v.toFixed(2)}×${limit !== undefined && v > limit ? " (over)" : ""}`);
  const ms = (v: number | undefined) => (v === undefined ? "—" : v < 10 ? v.toFixed(1) : v.toFixed(0));

  log(`\n=== Ringfence bench, ${started.toISOString().slice(0, 16)}Z, commit ${rev}${dirty ? "+" : ""}, ${os.cpus().length} CPUs`);
  if (bare.length) {
    log(`\nBaseline: /up against a bare Next page (target ≤ ${TARGET.baselineOverBare}×), at ${main.vendors} vendors`);
    for (const [i, b] of bare.entries()) {
      const u = base[i];
      log(
        `  ${String(b.clients).padStart(2)} client(s): bare median ${ms(b.median)} ms, ${b.rps} req/s | /up median ${ms(u?.median)} ms, ${u?.rps ?? "—"} req/s | ratio ${x(ratio(u?.median, b.median), TARGET.baselineOverBare)}`,
      );
    }
  }
  const cols = clientCounts.map((c) => `${c}c med / p97.5 ms, req/s, ×base`);
  log(
    `\nPages and API routes at ${main.vendors} vendors (${seconds} s per row; ×base: median over /up's median at the same concurrency, target ≤ ${TARGET.pageOverBaseline}×); ` +
      `statements at ${results.map((r) => r.vendors).join(" / ")} vendors; growth: 1-client median at ${last.vendors} over ${first.vendors} vendors (target ≤ ${TARGET.growth}×)`,
  );
  log(`  ${"route".padEnd(22)} ${"statements".padEnd(14)} ${cols.map((c) => c.padEnd(36)).join(" ")} growth`);
  for (const [key, r] of Object.entries(main.routes)) {
    const statements = results.map((s) => s.routes[key]?.statements ?? "—").join(" / ");
    const cells = clientCounts.map((_, i) => {
      const f = r.load[i];
      if (!f) return "—".padEnd(36);
      const over = key === "baseline" ? null : ratio(f.median, base[i]?.median);
      return `${ms(f.median)} / ${ms(f.p97_5)}, ${f.rps}, ${key === "baseline" ? "1.00×" : x(over, TARGET.pageOverBaseline)}`.padEnd(36);
    });
    const growth = results.length > 1 ? ratio(last.routes[key]?.load[0]?.median, first.routes[key]?.load[0]?.median) : null;
    const label = routeLabel(key);
    log(`  ${label.padEnd(22)} ${statements.padEnd(14)} ${cells.join(" ")} ${x(growth, TARGET.growth)}`);
  }
  if (results.length > 1) {
    log(`\nGrowth curve: median ms with 1 client at ${results.map((r) => r.vendors).join(" / ")} vendors`);
    for (const key of Object.keys(first.routes)) log(`  ${routeLabel(key).padEnd(22)} ${results.map((r) => ms(r.routes[key]?.load[0]?.median)).join(" / ")}`);
  }
  if (js) {
    log(`\nFirst-load JavaScript, gzip (target ≤ ${TARGET.jsKb} KB)`);
    // bench:js measures a page once per role that sees it: the heaviest is shown.
    const pages = new Map<string, number>();
    for (const row of js.rows) pages.set(row.page, Math.max(pages.get(row.page) ?? 0, row.gzipKb));
    for (const [page, kb] of [...pages].sort((a, b) => b[1] - a[1]))
      log(`  ${page.padEnd(30)} ${kb.toFixed(1).padStart(7)} KB${kb > TARGET.jsKb ? " (over)" : ""}`);
  }
  if (Object.keys(throughput).length) {
    log("\nThroughput");
    for (const [name, t] of Object.entries(throughput)) log(`  ${name.padEnd(18)} ${describeThroughput(name, t)}`);
  }
}

function routeLabel(key: string): string {
  const labels: Record<string, string> = {
    baseline: "baseline /up",
    "vendor-home": "vendor home",
    editor: "attestation editor",
    evidence: "evidence vault",
    rollouts: "rollout list",
    rollout: "rollout record",
    "review-list": "review queue",
    review: "review screen",
    reconcile: "reconciliation",
    report: "report",
    dashboard: "ecosystem dashboard",
    "api-list": "API list (GET)",
    "api-create": "API create (POST)",
  };
  return labels[key] ?? key;
}

function describeThroughput(name: string, t: Record<string, unknown>): string {
  if ("failed" in t) return `FAILED (${String(t.failed)})`;
  const n = (v: unknown, digits = 0) => (typeof v === "number" ? v.toLocaleString("en", { maximumFractionDigits: digits }) : "—");
  switch (name) {
    case "rollout analysis": {
      const r = t.recordsPerSecond as Record<string, number>;
      return `${n(r.total)} records/s checked and analysed (${n(t.records)} records of 5 rings); one record of 500 rings and 20,000 events ${n((t.largeRecordMs as Record<string, number>).analysis)} ms`;
    }
    case "upload":
      return `${n(t.uploadMBps)} MB/s through next start against sha256sum's ${n(t.sha256sumMBps)} MB/s (ratio ${n(t.ratio, 2)}), ${n(Number(t.bytes) / 2 ** 20)} MB, RSS +${n(t.rssPeakGrowthMB)} MB`;
    case "CSV export":
      return `${n(t.rows)} score rows in ${n(t.portalSeconds, 2)} s (${n(t.portalMBps)} MB/s) against psql \\copy's ${n(t.psqlCopySeconds, 2)} s (ratio ${n(t.ratio, 2)}×)`;
    case "log verification":
      return `${n(t.events)} events in ${n(t.seconds, 2)} s (${n(t.eventsPerSecond)} events/s), ${t.ok ? "verified" : "FAILED"}`;
    default:
      return JSON.stringify(t);
  }
}

function fmtLoad(f: LoadFigures): string {
  return `median ${f.median} ms, p97.5 ${f.p97_5} ms, ${f.rps} req/s${f.unexpected || f.errors ? ` (${f.unexpected} unexpected, ${f.errors} errors)` : ""}`;
}

function urlFor(database: string): string {
  const url = new URL(serverUrl!);
  url.pathname = `/${database}`;
  return url.toString();
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}
