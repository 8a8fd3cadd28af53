// npm run bench:js -- [--json FILE] [--limit-kb 180]
// First-load JavaScript per route, gzip: for every page of each role's navigation, then once for
// every other page a demo account can open (the access matrix, e2e/matrix/*.ts: forms, pages about
// one item with ids found the way the matrix test finds them, set-password with a real one-time
// link, the public pages), a fresh browser context loads the page and this adds up
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
import { PAGES, SAMPLES } from "../e2e/access-matrix";
import { DEMO_PASSWORD, prepareGround } from "./faults/bench";
import { actionRef, actionResult, assertBuilt, callAction, get, signIn, startPortal } from "./faults/portal";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const limitKb = Number(opt("limit-kb") ?? 180);
const executablePath = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
assertBuilt();

type Row = { role: string; page: string; files: number; rawKb: number; gzipKb: number; status: number; landed: string | null; sendsOn?: boolean };
const ACCOUNTS: { role: Role; email: string }[] = [
  { role: "vendor_officer", email: "officer@aegis.example" },
  { role: "platform_reviewer", email: "reviewer@contoso.example" },
  { role: "gov_auditor", email: "auditor@ncra.example" },
  { role: "gov_observer", email: "observer@ncra.example" },
  { role: "admin", email: "admin@ringfence.example" },
];

/** The accounts the matrix's SAMPLES open their pages as. */
const SAMPLE_ACCOUNTS: Record<string, string> = {
  officer: "officer@aegis.example",
  contributor: "contributor@aegis.example",
  reviewer: "reviewer@contoso.example",
  auditor: "auditor@ncra.example",
  observer: "observer@ncra.example",
  admin: "admin@ringfence.example",
};
/** Matrix pages that only answer in a state a signed-in account is not in (they send it on). */
const NOT_MEASURED: Record<string, string> = {
  "/login/factor": "only while a sign-in waits for its second factor",
  "/login/enrol": "only while a sign-in must enrol a second factor",
};

/** Matrix pages that always send a signed-in account on to another page: the figure is that page's, and the bench does not fail for it. */
const SENDS_ON = new Set(["/", "/vendor/attestations/{publishedAttestation}/report"]);

const log = (s: string) => console.log(s);
const ground = await prepareGround(log);
const rows: Row[] = [];
const notMeasured: string[] = [];
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

    const cookies = new Map<string, string>();
    const cookieFor = async (email: string) => {
      if (!cookies.has(email)) cookies.set(email, await signIn(portal.origin, email, DEMO_PASSWORD));
      return cookies.get(email)!;
    };
    const signedIn = async (email: string) => {
      const context = await browser.newContext();
      await context.addCookies(
        (await cookieFor(email)).split("; ").map((c) => {
          const [name, ...value] = c.split("=");
          return { name: name!, value: value.join("="), url: portal.origin };
        }),
      );
      return context;
    };

    const measured = new Set<string>();
    rows.push(await measure(await browser.newContext(), portal.origin, "signed out", "/login"));
    measured.add("/login");
    for (const a of ACCOUNTS) {
      const pages = [...navFor(a.role).map((n) => n.href), ...(extra[a.role] ?? [])];
      for (const page of pages) {
        rows.push(await measure(await signedIn(a.email), portal.origin, a.role, page));
        measured.add(page);
      }
    }

    // Every other page of the access matrix, once, as the first account above that may open it.
    const ids = new Map<string, string>();
    const resolve = async (url: string): Promise<string | null> => {
      for (let m = /\{(\w+)\}/.exec(url); m; m = /\{(\w+)\}/.exec(url)) {
        const key = m[1]!;
        if (!ids.has(key)) {
          const sample = SAMPLES[key];
          const page = sample && (await resolve(sample.page));
          if (!sample || !page) return null;
          const html = (await get(`${portal.origin}${page}`, { cookie: await cookieFor(SAMPLE_ACCOUNTS[sample.as]!) })).body;
          const id = sample.pattern.exec(html)?.[1];
          if (!id) return null;
          ids.set(key, id);
        }
        url = url.split(`{${key}}`).join(ids.get(key)!);
      }
      return url;
    };
    for (const [file, entry] of Object.entries(PAGES)) {
      let url = entry.url;
      if (NOT_MEASURED[url]) {
        notMeasured.push(`${url}: ${NOT_MEASURED[url]}`);
        continue;
      }
      if (file.includes("set-password")) {
        const link = await setPasswordLink(portal.origin, await cookieFor(SAMPLE_ACCOUNTS.admin!), sql);
        if (!link) {
          notMeasured.push(`${url}: no one-time link could be made`);
          continue;
        }
        url = link;
      }
      const resolved = await resolve(url);
      if (!resolved) {
        notMeasured.push(`${url}: no sample id in the demo data`);
        continue;
      }
      const path = resolved.split("?")[0]!;
      if (measured.has(path) || measured.has(resolved)) continue;
      measured.add(resolved);
      if (entry.access === "public") {
        rows.push({ ...(await measure(await browser.newContext(), portal.origin, "signed out", resolved)), sendsOn: SENDS_ON.has(entry.url) });
        continue;
      }
      const account = ACCOUNTS.find((a) => (entry.access as readonly Role[]).includes(a.role));
      if (!account) {
        notMeasured.push(`${url}: no demo account above may open it`);
        continue;
      }
      rows.push({ ...(await measure(await signedIn(account.email), portal.origin, account.role, resolved)), sendsOn: SENDS_ON.has(entry.url) });
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
  if (r.landed) console.log(`    (sent on to ${r.landed}: the figure is that page's${r.sendsOn ? "; it always sends this account on" : ""})`);
  if (r.status !== 200 || (r.landed && !r.sendsOn)) failed = true;
}
for (const n of notMeasured) console.log(`  not measured: ${n}`);
const over = rows.filter((r) => r.gzipKb > limitKb);
const largest = rows.reduce((a, b) => (b.gzipKb > a.gzipKb ? b : a));
console.log(`\nlargest: ${largest.page} (${largest.role}) ${largest.gzipKb.toFixed(1)} KB; ${over.length} of ${rows.length} pages over ${limitKb} KB`);
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ limitKb, rows }, null, 2));
process.exit(failed ? 1 : 0);

/** A real one-time link: the administrator creates a person (as the new-user form does) and gets its link. */
async function setPasswordLink(origin: string, adminCookie: string, sql: ReturnType<typeof ground.connect>): Promise<string | null> {
  const [org] = await sql<{ id: string }[]>`select id from organisations where slug = 'aegis-endpoint'`;
  if (!org) return null;
  const create = actionRef("app/(portal)/admin/users/actions.ts", "createUserAction");
  const input = {
    name: "Bench Newcomer",
    email: `bench-${Date.now()}@aegis.example`,
    organisationId: org.id,
    organisationKind: "vendor",
    role: "vendor_contributor",
  };
  const result = actionResult((await callAction(origin, adminCookie, create, "/admin/users/new", input)).body);
  const token = (result?.data as { token?: string } | undefined)?.token;
  return token ? `/set-password/${token}` : null;
}

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
  const asked = new URL(`${origin}${page}`).pathname;
  await context.close();
  const raw = bodies.reduce((n, b) => n + b.length, 0);
  const gzip = bodies.reduce((n, b) => n + zlib.gzipSync(b, { level: 9 }).length, 0);
  return {
    role,
    page: page.replace(/[0-9a-f-]{36}/g, ":id").replace(/^\/set-password\/.+/, "/set-password/:token"),
    files: bodies.length,
    rawKb: raw / 1024,
    gzipKb: gzip / 1024,
    status: answer?.status() ?? 0,
    landed: landedAt === asked ? null : landedAt.replace(/[0-9a-f-]{36}/g, ":id"),
  };
}
