import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attestations, organisations, products, rolloutRecords } from "@/db/schema";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import { ScaleDataExists, seedScale } from "../../scripts/seed-scale/seed";
import { dashboardChoices, dashboardFiguresFromReports, dashboardFiguresKept, parseFilters, periodKey } from "@/lib/reports/queries";
import { openTestDb } from "./test-db";

type Db = Awaited<ReturnType<typeof openTestDb>>;
let a: Db;
let b: Db;
let blobDir: string;
let first: Awaited<ReturnType<typeof seedScale>>;
let second: Awaited<ReturnType<typeof seedScale>>;

beforeAll(async () => {
  blobDir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-scale-"));
  a = await openTestDb();
  b = await openTestDb();
  const options = { vendors: 3, seed: 7, blobs: new FsBlobStore(blobDir), logEvents: 5 };
  first = await seedScale(a, options);
  second = await seedScale(b, options);
}, 120_000);
afterAll(async () => {
  await a?.dispose();
  await b?.dispose();
  fs.rmSync(blobDir, { recursive: true, force: true });
});

describe(`seed:scale (${process.env.TEST_DB_DRIVER})`, () => {
  it("fills every kind of data the benchmarks need", () => {
    const c = first.counts;
    for (const table of [
      "users",
      "memberships",
      "blobs",
      "rollout_records",
      "rollout_analyses",
      "evidence_items",
      "evidence_versions",
      "attestation_answers",
      "evidence_links",
      "attestation_submissions",
      "review_panels",
      "panel_members",
      "scorecards",
      "scores",
      "review_decisions",
      "published_reports",
      "report_scores",
      "notifications",
    ])
      expect(c[table], table).toBeGreaterThan(0);
    expect(c.organisations).toBe(3 + 2);
    expect(c.audit_events).toBeGreaterThanOrEqual(5); // and the catalog seed's own event
    expect(first.logEvents).toBe(5);
    // Small real files in the blob store, one per blobs row.
    expect(fs.readdirSync(path.join(blobDir, "objects"), { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f)))).toHaveLength(c.blobs!);
  });

  it("gives each vendor 1–5 products, records with 3–8 rings, and attestations in every state", async () => {
    const vendors = await a.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.kind, "vendor"));
    for (const v of vendors) {
      const n = (await a.db.select({ id: products.id }).from(products).where(eq(products.organisationId, v.id))).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(5);
    }
    const records = await a.db.select({ record: rolloutRecords.record }).from(rolloutRecords);
    for (const { record } of records) {
      const rings = (record as { rings: unknown[] }).rings.length;
      expect(rings).toBeGreaterThanOrEqual(3);
      expect(rings).toBeLessThanOrEqual(8);
    }
    const states = new Set((await a.db.selectDistinct({ s: attestations.status }).from(attestations)).map((x) => x.s));
    expect(states.has("published")).toBe(true);
    expect(states.has("draft")).toBe(true);
    // Three vendors draw only some of the seven live states (draft, submitted, in review, changes requested, reconciliation, decided, withdrawn).
    expect(states.size).toBeGreaterThanOrEqual(3);
  });

  it("leaves the kept queue columns and dashboard figures as the triggers would (rebuilt after the COPY)", async () => {
    const drift = await a.db.execute(sql`
      select m.id from panel_members m join review_panels p on p.id = m.panel_id
      where m.queue_due_date is distinct from p.due_date
         or m.queue_closed is distinct from coalesce((
              select x.status in ('published', 'withdrawn') from attestations x
              where x.lineage_id = p.lineage_id and x.status <> 'draft' order by x.revision desc limit 1), false)`);
    expect(Array.isArray(drift) ? drift : (drift as unknown as { rows: unknown[] }).rows).toEqual([]);
    const { chosen, periods } = await dashboardChoices(a.db, null);
    expect(periods.length).toBeGreaterThan(1);
    for (const period of [null, periodKey(periods.at(-1)!.start, periods.at(-1)!.end)]) {
      const f = { ...parseFilters({}), frameworkVersionId: chosen!.id, period };
      const today = new Date().toISOString().slice(0, 10);
      const kept = await dashboardFiguresKept(a.db, f, chosen!.id, today);
      expect(kept.total).toBeGreaterThan(0);
      expect(kept).toEqual(await dashboardFiguresFromReports(a.db, f, chosen!.id, today));
    }
  });

  it("gives the same counts and ids for the same seed", async () => {
    expect(second.counts).toEqual(first.counts);
    const ids = async (db: Db) => (await db.db.select({ id: attestations.id }).from(attestations).orderBy(asc(attestations.id))).map((x) => x.id);
    expect(await ids(b)).toEqual(await ids(a));
  });

  it("refuses to seed a database that already has scale data", async () => {
    await expect(seedScale(a, { vendors: 1, seed: 1, blobs: null })).rejects.toBeInstanceOf(ScaleDataExists);
  });
});

// The command itself on a new PostgreSQL database: the portal's role must be able to use what it seeded
// (it once migrated without the role, and the portal then failed with "permission denied").
describe.runIf(process.env.TEST_DB_DRIVER === "postgres")("npm run seed:scale on a new PostgreSQL database", () => {
  it("leaves the portal's role granted every table, and the log append-only for it", async () => {
    const { default: postgres } = await import("postgres");
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const name = `rf_seedcli_${process.pid}_${Date.now()}`;
    const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-scale-cli-"));
    await admin.unsafe(`create database ${name}`);
    const url = new URL(server.toString());
    url.pathname = `/${name}`;
    const db = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      execFileSync(
        process.execPath,
        ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/seed-scale.ts", "--vendors", "2", "--log-events", "2"],
        {
          env: {
            PATH: process.env.PATH ?? "",
            HOME: process.env.HOME ?? "",
            DATABASE_URL: url.toString(),
            RINGFENCE_DATA_DIR: dataDir,
            AUTH_SECRET: "x".repeat(40),
          } as unknown as NodeJS.ProcessEnv,
          encoding: "utf8",
          stdio: "pipe",
        },
      );
      const [grants] = await db<{ users: boolean; reports: boolean; logUpdate: boolean; logInsert: boolean }[]>`
        select has_table_privilege('ringfence_app', 'users', 'select,insert,update') as users,
               has_table_privilege('ringfence_app', 'published_reports', 'select') as reports,
               has_table_privilege('ringfence_app', 'audit_events', 'update') as "logUpdate",
               has_table_privilege('ringfence_app', 'audit_events', 'insert') as "logInsert"`;
      expect(grants).toEqual({ users: true, reports: true, logUpdate: false, logInsert: true });
      const [seeded] = await db<{ n: number }[]>`select count(*)::int as n from organisations`;
      expect(seeded!.n).toBeGreaterThan(2);
    } finally {
      await db.end();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
