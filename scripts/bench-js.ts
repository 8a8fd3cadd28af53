// npm run bench:js -- [--json FILE] [--limit-kb 180]
// First-load JavaScript per route, gzip: for every page of each role's navigation (and a few pages
// about one item, plus the sign-in page), a fresh browser context loads the page and this adds up
// the JavaScript it fetched before it was idle, each file gzipped here (level 9, as a server or CDN
// would), so the figure does not depend on how this server compresses. Uses the demo data in a
// throwaway PostgreSQL cluster (scripts/faults/bench.ts) and Debian's Chromium (CHROMIUM_PATH).
// Prints a table; exits 1 when a page does not load or sends the browser elsewhere, never because of a size. Issue 15's target is
// at most 180 KB per route: pages over --limit-kb are marked.
// Needs a build in $NEXT_DIST_DIR (default .next) and PostgreSQL's server binaries (PG_BIN).
import fs from "node:fs";
import zlib from "node:zlib";
import { chromium, type BrowserContext } from "@playwright/test";
import { navFor } from "@/lib/auth/navigation";
import type { Role } from "@/lib/auth/roles";
import { DEMO_PASSWORD, prepareGround } from "./faults/bench";
import { assertBuilt, signIn, startPortal } from "./faults/portal";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const limitKb = Number(opt("limit-kb") ?? 180);
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
assertBuilt();

type Row = { role: string; page: string; files: number; rawKb: number; gzipKb: number; status: number; landed: string | null };
const ACCOUNTS: { role: Role; email: string }[] = [
  { role: "vendor_officer", email: "officer@aegis.example" },
  { role: "platform_reviewer", email: "reviewer@contoso.example" },
  { role: "gov_auditor", email: "auditor@ncra.example" },
  { role: "gov_observer", email: "observer@ncra.example" },
  { role: "admin", email: "admin@ringfence.example" },
];

const log = (s: string) => console.log(s);
const ground = await prepareGround(log);
const rows: Row[] = [];
let failed = false;
try {
  const where = await ground.fresh("bench_js");
  const portal = await startPortal({ ...where, authSecret: ground.authSecret });
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const sql = ground.connect(where.databaseUrl);
    const [attestation] = await sql<{ id: string }[]>`
      select a.id from attestations a join organisations o on o.id = a.organisation_id
      where o.slug = 'aegis-endpoint' and a.status = 'draft' order by a.created_at limit 1`;
    const [rollout] = await sql<{ id: string }[]>`
      select r.id from rollout_records r join organisations o on o.id = r.organisation_id where o.slug = 'aegis-endpoint' order by r.created_at limit 1`;
    const [report] = await sql<{ id: string }[]>`select id from published_reports order by published_at desc limit 1`.catch(() => []);
    const extra: Partial<Record<Role, string[]>> = {
      vendor_officer: [attestation && `/vendor/attestations/${attestation.id}`, rollout && `/vendor/rollouts/${rollout.id}`, "/vendor/evidence/new"].filter(
        (p): p is string => Boolean(p),
      ),
      gov_observer: report ? [`/reports/${report.id}`] : [],
    };

    rows.push(await measure(await browser.newContext(), portal.origin, "signed out", "/login"));
    for (const a of ACCOUNTS) {
      const cookie = await signIn(portal.origin, a.email, DEMO_PASSWORD);
      const pages = [...navFor(a.role).map((n) => n.href), ...(extra[a.role] ?? [])];
      for (const page of pages) {
        const context = await browser.newContext();
        await context.addCookies(
          cookie.split("; ").map((c) => {
            const [name, ...value] = c.split("=");
            return { name: name!, value: value.join("="), url: portal.origin };
          }),
        );
        rows.push(await measure(context, portal.origin, a.role, page));
      }
    }
  } finally {
    await browser.close();
    await portal.kill("SIGTERM");
  }
} finally {
  ground.close();
}

console.log(`\nFirst-load JavaScript per page (gzip -9 of each file; ${limitKb} KB target)`);
console.log(`  ${"role".padEnd(18)} ${"page".padEnd(44)} ${"files".padStart(5)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)}`);
for (const r of rows) {
  const mark = r.status !== 200 ? "!" : r.gzipKb > limitKb ? ">" : " ";
  console.log(
    `${mark} ${r.role.padEnd(18)} ${r.page.padEnd(44)} ${String(r.files).padStart(5)} ${r.rawKb.toFixed(1).padStart(8)} ${r.gzipKb.toFixed(1).padStart(8)}`,
  );
  if (r.landed) console.log(`    (sent on to ${r.landed}: the figure is that page's)`);
  if (r.status !== 200 || r.landed) failed = true;
}
const over = rows.filter((r) => r.gzipKb > limitKb);
const largest = rows.reduce((a, b) => (b.gzipKb > a.gzipKb ? b : a));
console.log(`\nlargest: ${largest.page} (${largest.role}) ${largest.gzipKb.toFixed(1)} KB; ${over.length} of ${rows.length} pages over ${limitKb} KB`);
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ limitKb, rows }, null, 2));
process.exit(failed ? 1 : 0);

async function measure(context: BrowserContext, origin: string, role: string, page: string): Promise<Row> {
  const tab = await context.newPage();
  const scripts = new Map<string, Promise<Buffer | null>>();
  tab.on("response", (res) => {
    if (res.request().resourceType() === "script" && !scripts.has(res.url()))
      scripts.set(
        res.url(),
        res.body().catch(() => null),
      );
  });
  const answer = await tab.goto(`${origin}${page}`, { waitUntil: "networkidle" });
  const bodies = (await Promise.all(scripts.values())).filter((b): b is Buffer => b !== null);
  const landedAt = new URL(tab.url()).pathname;
  await context.close();
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gzip = bodies.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
  return {
    role,
    page: page.replace(/[0-9a-f-]{36}/g, ":id"),
    files: bodies.length,
    rawKb: raw / 1024,
    gzipKb: gzip / 1024,
    status: answer?.status() ?? 0,
    landed: landedAt === page ? null : landedAt,
  };
}
