// npm run bench:statements -- [--vendors 10,40] [--json FILE] [--keep]
// SQL statements per page, on datasets of different sizes: a page whose count grows with the data runs a
// query per row ("N+1"). For each size it seeds a fresh PostgreSQL database (seed:scale, same --seed),
// gives five bench accounts a password (an administrator, an observer, the scale data's lead reviewer, its
// first auditor and its first vendor's officer; second factors optional in this throwaway database),
// serves the production build with RINGFENCE_STATEMENT_LOG set (lib/server/statement-count.ts), opens
// every page of each role's navigation and a few detail pages, and reads each answer's statement count.
// Exits 1 when a page's count differs between the sizes, or a page does not answer 200. Pages about one item
// (an attestation, a rollout record) show a different item in each dataset and are printed, not compared.
// The sizes must be large enough that every list has rows: a list that is empty skips its row query.
// Needs a build in $NEXT_DIST_DIR (default .next) and PostgreSQL at TEST_DATABASE_URL (or DATABASE_URL).
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { navFor } from "@/lib/auth/navigation";
import type { Role } from "@/lib/auth/roles";
import { BENCH_PASSWORD as PASSWORD, officerSamples, prepareAccounts, type Account } from "./bench/accounts";
import { freePort } from "./faults/cluster";
import { assertBuilt, get, signIn, startPortal } from "./faults/portal";

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(`--${name}`) ? (args[args.indexOf(`--${name}`) + 1] ?? "") : null);
const sizes = (opt("vendors") ?? "10,40").split(",").map(Number);
if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--vendors takes two or more whole numbers, e.g. 10,40");
const serverUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (!serverUrl) throw new Error("Set TEST_DATABASE_URL (or DATABASE_URL) to a PostgreSQL server on which the bench may create databases.");
assertBuilt();

type PageCount = { role: Role; page: string; statements: number; status: number; ms: number };

const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
const root = fs.mkdtempSync(path.join(os.tmpdir(), "rf-bench-statements-"));
const runId = crypto.randomBytes(3).toString("hex");
const results = new Map<number, PageCount[]>();

try {
  for (const vendors of sizes) results.set(vendors, await measure(vendors));
} finally {
  await admin.end();
  if (!args.includes("--keep")) fs.rmSync(root, { recursive: true, force: true });
}

// The table: one row per page, one column per size.
const rows = results.get(sizes[0]!)!.map((r) => `${r.role} ${r.page}`);
const byKey = (vendors: number) => new Map(results.get(vendors)!.map((r) => [`${r.role} ${r.page}`, r]));
const maps = sizes.map(byKey);
const problems: string[] = [];
console.log(`\nSQL statements per page (${sizes.map((n) => `${n} vendors`).join(" | ")})`);
for (const key of rows) {
  const counts = maps.map((m) => m.get(key));
  const cells = counts.map((c) => (c ? `${String(c.statements).padStart(4)} (${c.status}, ${c.ms} ms)` : "missing"));
  const same = counts.every((c) => c && c.statements === counts[0]!.statements);
  // A page about one item shows a different item in each dataset (whose own history may differ): printed, not compared.
  const compared = !key.includes(":id");
  console.log(`  ${same ? "  " : compared ? "≠ " : "~ "}${key.padEnd(44)} ${cells.join("  ")}`);
  if (!same && compared) problems.push(`${key}: ${counts.map((c) => c?.statements ?? "missing").join(" vs ")} statements`);
  for (const c of counts) if (c && c.status !== 200) problems.push(`${key}: answered ${c.status}`);
  // Every signed-in page reads its session from the database: zero means the counting itself is broken.
  for (const c of counts) if (c && c.statements === 0) problems.push(`${key}: no statements counted`);
}
const json = opt("json");
if (json) fs.writeFileSync(json, JSON.stringify({ sizes, pages: Object.fromEntries(sizes.map((n) => [n, results.get(n)])), problems }, null, 2));
if (problems.length) {
  console.log(`\nFAIL: ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(
  `\nPASS: every list page ran the same number of statements at ${sizes.join(" and ")} vendors (pages about one item, marked ~ where they differ, are not compared).`,
);

async function measure(vendors: number): Promise<PageCount[]> {
  const name = `rf_bench_stmt_${runId}_${vendors}`;
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = path.join(root, String(vendors));
  const logFile = path.join(root, `statements-${vendors}.jsonl`);
  try {
    const started = performance.now();
    const seeded = spawnSync(
      process.execPath,
      [path.resolve("node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "scripts/seed-scale.ts", "--vendors", String(vendors), "--log-events", "50"],
      { env: { ...process.env, DATABASE_URL: databaseUrl, RINGFENCE_DATA_DIR: dataDir }, encoding: "utf8" },
    );
    if (seeded.status !== 0) throw new Error(`seed:scale failed: ${seeded.stderr || seeded.stdout}`);
    const accounts = await prepareAccounts(databaseUrl);
    console.log(`${vendors} vendors: seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    process.env.RINGFENCE_STATEMENT_LOG = logFile;
    const port = await freePort(3600, 3649);
    const portal = await startPortal({ port, dataDir, databaseUrl, authSecret: crypto.randomBytes(32).toString("base64url") });
    delete process.env.RINGFENCE_STATEMENT_LOG;
    const out: PageCount[] = [];
    try {
      const details = await detailPages(databaseUrl, accounts);
      for (const account of accounts) {
        const cookie = await signIn(portal.origin, account.email, PASSWORD);
        const pages = [...navFor(account.role).map((n) => n.href), "/notifications", ...(details[account.role] ?? [])];
        for (const page of pages) {
          // The first answer may include work done once per process (caches, the catalog): not counted. Of the
          // next two, the smaller count: a session records when it was last seen at most once a minute, with one
          // more statement, which would otherwise land on whichever page was open at that moment.
          await get(`${portal.origin}${page}`, { cookie }, 120_000);
          const measured = [];
          for (let i = 0; i < 2; i++) {
            fs.writeFileSync(logFile, "");
            const answer = await get(`${portal.origin}${page}`, { cookie }, 120_000);
            measured.push({ statements: (await lastLine(logFile, page)).statements, status: answer.status, ms: Math.round(answer.ms) });
          }
          const least = measured.reduce((a, b) => (b.statements < a.statements ? b : a));
          out.push({ role: account.role, page: page.replace(/[0-9a-f-]{36}/g, ":id"), ...least, status: Math.max(...measured.map((m) => m.status)) });
        }
      }
    } finally {
      await portal.kill("SIGTERM");
    }
    return out;
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  }
}

/** The line the portal wrote for `page`; it is appended when the answer finishes, so wait briefly for it. */
async function lastLine(file: string, page: string): Promise<{ statements: number }> {
  for (let i = 0; i < 50; i++) {
    const lines = fs.readFileSync(file, "utf8").trim().split("\n").filter(Boolean);
    const mine = lines.map((l) => JSON.parse(l) as { path: string; statements: number }).filter((l) => l.path === page);
    if (mine.length) return mine[mine.length - 1]!;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the portal logged no statement count for ${page}`);
}

/** A few pages about one item each, found in the data: the officer's first attestation and rollout record. */
async function detailPages(databaseUrl: string, accounts: Account[]): Promise<Partial<Record<Role, string[]>>> {
  const officer = accounts.find((a) => a.role === "vendor_officer")!;
  const { attestationId, rolloutId } = await officerSamples(databaseUrl, officer.email);
  return {
    vendor_officer: [attestationId ? `/vendor/attestations/${attestationId}` : null, rolloutId ? `/vendor/rollouts/${rolloutId}` : null].filter(
      (p): p is string => p !== null,
    ),
  };
}
