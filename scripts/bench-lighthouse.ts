// npm run bench:lighthouse -- [--json FILE] [--lhr DIR] [--runs N] [--only mobile|desktop]
// Lighthouse scores for the four pages issue 15 names: the sign-in page (signed out), an attestation's
// editor (a vendor officer), a published report (an observer) and the reports dashboard (an observer),
// each under Lighthouse's default mobile settings (Moto G Power screen, simulated slow 4G and a 4x
// slower CPU) and its desktop preset. Serves the production build with the demo data in a throwaway
// PostgreSQL cluster (scripts/faults/bench.ts) and runs Lighthouse's node API in Debian's Chromium
// (CHROME_PATH, default /usr/bin/chromium); a signed-in page gets the session cookie as a request header.
// --lhr DIR keeps each page's whole Lighthouse report (JSON, for the Lighthouse viewer). With --runs N each page is measured N times and the run with the median performance score is kept.
// Prints one table (performance, accessibility, best practices) and, for every category under issue
// 15's targets (performance 95, accessibility 100), the audits that lost points; exits 1 only when it
// could not run (a page that does not load, or that sends the browser elsewhere), never because of a score.
// Needs a build in $NEXT_DIST_DIR (default .next) and PostgreSQL's server binaries (PG_BIN).
import fs from "node:fs";
import path from "node:path";
import * as chromeLauncher from "chrome-launcher";
import lighthouse, { desktopConfig, type Config, type Flags, type Result } from "lighthouse";
import { DEMO_PASSWORD, prepareGround } from "./faults/bench";
import { assertBuilt, signIn, startPortal } from "./faults/portal";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const runs = Math.max(1, Number(opt("runs") ?? 1));
const formFactors = (opt("only") ? [opt("only")] : ["mobile", "desktop"]) as ("mobile" | "desktop")[];
const lhrDir = opt("lhr");
if (lhrDir) fs.mkdirSync(lhrDir, { recursive: true });
const chromePath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const TARGETS: Record<string, number> = { performance: 95, accessibility: 100 };
const CATEGORIES = ["performance", "accessibility", "best-practices"] as const;
const METRICS = [
  ["first-contentful-paint", "FCP"],
  ["largest-contentful-paint", "LCP"],
  ["total-blocking-time", "TBT"],
  ["cumulative-layout-shift", "CLS"],
  ["speed-index", "SI"],
] as const;
assertBuilt();
if (!fs.existsSync(chromePath)) throw new Error(`No Chromium at ${chromePath}: set CHROME_PATH.`);

type Failing = { id: string; title: string; score: number | null; display?: string };
type Row = {
  page: string;
  role: string;
  formFactor: "mobile" | "desktop";
  scores: Record<(typeof CATEGORIES)[number], number>;
  metrics: Record<string, { ms: number | null; display: string }>;
  failing: Record<string, Failing[]>;
  finalUrl: string;
  runScores: number[];
};

const log = (s: string) => console.log(s);
const ground = await prepareGround(log);
const rows: Row[] = [];
let failed = false;
try {
  const where = await ground.fresh("bench_lighthouse");
  const portal = await startPortal({ ...where, authSecret: ground.authSecret });
  try {
    const sql = ground.connect(where.databaseUrl);
    const [attestation] = await sql<{ id: string }[]>`
      select a.id from attestations a join organisations o on o.id = a.organisation_id
      where o.slug = 'aegis-endpoint' and a.status = 'draft' order by a.created_at limit 1`;
    const [report] = await sql<{ id: string }[]>`select id from published_reports order by published_at desc limit 1`;
    if (!attestation || !report) throw new Error("the demo data has no draft attestation of Aegis or no published report");
    const officer = await signIn(portal.origin, "officer@aegis.example", DEMO_PASSWORD);
    const observer = await signIn(portal.origin, "observer@ncra.example", DEMO_PASSWORD);
    const pages = [
      { page: "/login", role: "signed out", cookie: null },
      { page: `/vendor/attestations/${attestation.id}`, role: "vendor_officer", cookie: officer },
      { page: `/reports/${report.id}`, role: "gov_observer", cookie: observer },
      { page: "/reports", role: "gov_observer", cookie: observer },
    ];
    for (const formFactor of formFactors) {
      for (const p of pages) {
        const results: Result[] = [];
        for (let i = 0; i < runs; i++) results.push(await audit(`${portal.origin}${p.page}`, p.cookie, formFactor));
        results.sort((a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0));
        const lhr = results[Math.floor((results.length - 1) / 2)]!;
        if (lhrDir)
          fs.writeFileSync(path.join(lhrDir, `${formFactor}-${p.page.replace(/[0-9a-f-]{36}/g, "id").replace(/\W+/g, "_")}.json`), JSON.stringify(lhr));
        const row = summarise(lhr, p.page.replace(/[0-9a-f-]{36}/g, ":id"), p.role, formFactor);
        row.runScores = results.map((r) => Math.round((r.categories.performance?.score ?? 0) * 100));
        log(`${formFactor.padEnd(7)} ${row.page.padEnd(28)} ${CATEGORIES.map((c) => `${c} ${row.scores[c]}`).join(", ")}`);
        if (lhr.runtimeError || new URL(lhr.finalDisplayedUrl).pathname !== p.page) {
          log(`  could not measure: ${lhr.runtimeError?.message ?? `landed on ${lhr.finalDisplayedUrl}`}`);
          failed = true;
        }
        rows.push(row);
      }
    }
  } finally {
    await portal.kill("SIGTERM");
  }
} finally {
  ground.close();
}

const pct = (n: number) => String(n).padStart(5);
console.log(
  `\nLighthouse ${(JSON.parse(fs.readFileSync("node_modules/lighthouse/package.json", "utf8")) as { version: string }).version}: scores per page (targets: performance 95, accessibility 100)`,
);
console.log(`  ${"page".padEnd(28)} ${"role".padEnd(15)} ${formFactors.map((f) => `${f.padEnd(7)} perf  a11y    bp`).join("   ")}`);
for (const page of [...new Set(rows.map((r) => r.page))]) {
  const of = rows.filter((r) => r.page === page);
  const cells = formFactors.map((f) => {
    const r = of.find((x) => x.formFactor === f)!;
    return `${"".padEnd(7)}${pct(r.scores.performance)} ${pct(r.scores.accessibility)} ${pct(r.scores["best-practices"])}`;
  });
  const miss = of.some((r) => Object.entries(TARGETS).some(([c, t]) => r.scores[c as keyof Row["scores"]] < t));
  console.log(`${miss ? "<" : " "} ${page.padEnd(28)} ${of[0]!.role.padEnd(15)} ${cells.join("   ")}`);
}
console.log(`\nMetrics (${METRICS.map(([, s]) => s).join(", ")}; ms except CLS)`);
for (const r of rows) {
  console.log(
    `  ${r.formFactor.padEnd(7)} ${r.page.padEnd(28)} ${METRICS.map(([id, s]) => `${s} ${r.metrics[id]?.display ?? "?"}`).join("  ")}${runs > 1 ? `  (perf over ${runs} runs: ${r.runScores.join(", ")})` : ""}`,
  );
}
const below = rows.filter((r) => Object.keys(r.failing).length > 0);
if (below.length) console.log("\nBelow target: the audits that lost points");
for (const r of below) {
  for (const [category, audits] of Object.entries(r.failing)) {
    console.log(`  ${r.formFactor} ${r.page} ${category} ${r.scores[category as keyof Row["scores"]]}:`);
    for (const a of audits) console.log(`    ${a.id} (${a.score === null ? "-" : Math.round(a.score * 100)}): ${a.title}${a.display ? ` — ${a.display}` : ""}`);
  }
}
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ targets: TARGETS, runs, rows }, null, 2));
process.exit(failed ? 1 : 0);

/**
 * One Lighthouse run in a Chromium of its own: a browser that has kept a cookie from an earlier page
 * sends its own Cookie header for the origin instead of the one in `extraHeaders`, and a warm cache would flatter the figures.
 */
async function audit(url: string, cookie: string | null, formFactor: "mobile" | "desktop"): Promise<Result> {
  const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu"] });
  try {
    return await lighthouseRun(chrome.port, url, cookie, formFactor);
  } finally {
    chrome.kill();
  }
}

async function lighthouseRun(port: number, url: string, cookie: string | null, formFactor: "mobile" | "desktop"): Promise<Result> {
  const flags: Flags = {
    port,
    output: "json",
    logLevel: "error",
    onlyCategories: [...CATEGORIES],
    ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
  };
  const config: Config | undefined = formFactor === "desktop" ? desktopConfig : undefined;
  const result = await lighthouse(url, flags, config);
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  return result.lhr;
}

function summarise(lhr: Result, page: string, role: string, formFactor: "mobile" | "desktop"): Row {
  const score = (c: string) => Math.round((lhr.categories[c]?.score ?? 0) * 100);
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, score(c)])) as Row["scores"];
  const metrics = Object.fromEntries(
    METRICS.map(([id]) => {
      const a = lhr.audits[id];
      const value = a?.numericValue ?? null;
      return [id, { ms: value, display: value === null ? "?" : id === "cumulative-layout-shift" ? value.toFixed(3) : String(Math.round(value)) }];
    }),
  );
  const failing: Row["failing"] = {};
  for (const c of CATEGORIES) {
    if (scores[c] >= (TARGETS[c] ?? 100)) continue;
    const lost = (lhr.categories[c]?.auditRefs ?? [])
      .map((ref) => ({ ref, a: lhr.audits[ref.id]! }))
      .filter(({ ref, a }) => a && a.score !== null && a.score < 1 && (ref.weight > 0 || c === "performance"))
      .filter(({ a }) => a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "notApplicable" && a.scoreDisplayMode !== "manual")
      .map(({ a }) => ({ id: a.id, title: a.title, score: a.score, display: a.displayValue }));
    if (lost.length) failing[c] = lost;
  }
  return { page, role, formFactor, scores, metrics, failing, finalUrl: lhr.finalDisplayedUrl, runScores: [] };
}
