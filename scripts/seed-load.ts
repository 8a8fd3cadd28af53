// The load-test data set (issue 12): on top of the demo and seed:scale's 2,000 vendors with published
// history, people for every role (an officer and a contributor per vendor; reviewers, auditors,
// observers, administrators; all with the demo password), work in progress up to --attestations in
// all, and a transparency log of --events valid events ending in a signed checkpoint, then verified.
// PostgreSQL only. Each step is skipped when already done, so it can be re-run; the log only grows.
// Stop the portal while it runs (the bulk log load refuses to race another appender).
// Run: DATABASE_URL=postgres://… AUTH_SECRET=… RINGFENCE_DATA_DIR=… npm run seed:load -- [--attestations 20000] [--events 1000000] [--no-verify]
// The checkpoint is signed with the portal's log key (LOG_SIGNING_KEY, LOG_SIGNING_KEY_FILE or
// <RINGFENCE_DATA_DIR>/log-signing-key): start the portal with the same key and LOG_ORIGIN.
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { parseConfig } from "@/lib/config";
import { logSigner } from "@/lib/transparency/keys";
import { latestCheckpoint, signCheckpoint } from "@/lib/transparency/log";
import { verifyLog } from "@/lib/transparency/verify";
import type { CatalogControl } from "./scale/answers";
import { seedLogEvents } from "./scale/log-events";
import { loadScaleWorld, seedScalePeople } from "./scale/people";
import { seedScaleWork } from "./scale/work";

const args = process.argv.slice(2);
const opt = (name: string, fallback: number): number => {
  const i = args.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(args[i + 1]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got ${args[i + 1]}`);
  return n;
};
const ATTESTATIONS = opt("attestations", 20_000);
const EVENTS = opt("events", 1_000_000);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function main() {
  const config = process.env.DATABASE_URL ? parseConfig() : null;
  if (config?.database.kind !== "postgres") {
    console.error("seed:load needs DATABASE_URL pointing at PostgreSQL (it bulk-loads with COPY).");
    process.exit(2);
  }
  const started = performance.now();
  const handle = await openDatabase(config.database);
  // The owner's connection (not the application role): COPY and the log's bulk load need it.
  const sql = postgres(config.database.url, { max: 1, onnotice: () => {} });
  try {
    await migrateDatabase(handle, config.database);
    const { versionId } = await seedBaselineCatalog(handle.db);
    const [scale] = await sql<{ n: number }[]>`select count(*)::int as n from organisations where slug ~ '^scale-[0-9]+$'`;
    if (!scale!.n) {
      console.log("No scale vendors yet: running npm run seed:scale (2,000 vendors × 4 half-years of published reports) first.");
      const run = spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/seed-scale.ts", "--vendors", "2000"], { stdio: "inherit", env: process.env });
      if (run.status !== 0) throw new Error("seed:scale failed");
    }

    let t0 = performance.now();
    const people = await seedScalePeople(sql);
    console.log(people ? `People: ${people.toLocaleString("en")} created in ${s(performance.now() - t0)}.` : "People: already there.");

    const world = await loadScaleWorld(sql);
    const [count] = await sql<{ n: number }[]>`select count(*)::int as n from attestations`;
    const perVendor = Math.ceil(Math.max(0, ATTESTATIONS - count!.n) / world.vendors.length);
    if (perVendor > 0) {
      t0 = performance.now();
      const [fv] = await sql<{ title: string; version: string }[]>`select title, version from framework_versions where id = ${versionId}`;
      const controls = await sql<CatalogControl[]>`
        select c.id, c.control_id as "controlId", c.title, d.key as "domainKey", c.must, c.channels, c.kernel_only as "kernelOnly"
        from catalog_controls c join catalog_domains d on d.id = c.domain_id where c.version_id = ${versionId} order by d.position, c.position`;
      const created = await seedScaleWork(
        sql,
        { versionId, framework: { versionId, title: fv!.title, version: fv!.version }, controls, world, now: Date.now() },
        perVendor,
        console.log,
      );
      console.log(`Attestations: ${created.toLocaleString("en")} created (${perVendor} per vendor) in ${s(performance.now() - t0)}.`);
    } else console.log(`Attestations: ${count!.n.toLocaleString("en")} already (target ${ATTESTATIONS.toLocaleString("en")}).`);
    const reloaded = perVendor > 0 ? await loadScaleWorld(sql) : world;

    t0 = performance.now();
    const events = await seedLogEvents(sql, reloaded, EVENTS, console.log);
    if (events.added) {
      console.log(
        `Log: ${events.added.toLocaleString("en")} events appended in ${s(performance.now() - t0)} (building bodies and hashes ${s(events.buildMs)}, COPY ${s(events.copyMs)}).`,
      );
      t0 = performance.now();
      await sql`vacuum (analyze) audit_events`;
      console.log(`  vacuum (analyze) audit_events: ${s(performance.now() - t0)}`);
    } else console.log(`Log: already ${EVENTS.toLocaleString("en")} events or more.`);

    t0 = performance.now();
    const before = await latestCheckpoint(handle.db);
    const cp = await signCheckpoint(handle.db);
    console.log(
      cp && cp.treeSize !== before?.treeSize
        ? `Checkpoint: signed at size ${cp.treeSize.toLocaleString("en")} (root ${cp.rootHash.slice(0, 16)}…) in ${s(performance.now() - t0)}.`
        : `Checkpoint: the latest (${before?.treeSize.toLocaleString("en")}) already covers the log.`,
    );

    const [c] = await sql<{ orgs: number; vendors: number; users: number; products: number; attestations: number; events: number; db: string }[]>`
      select (select count(*)::int from organisations) as orgs, (select count(*)::int from organisations where kind = 'vendor') as vendors,
             (select count(*)::int from users) as users, (select count(*)::int from products) as products,
             (select count(*)::int from attestations) as attestations, (select next_seq::int from log_state) as events,
             pg_size_pretty(pg_database_size(current_database())) as db`;
    const states = await sql<{ status: string; n: number }[]>`select status, count(*)::int as n from attestations group by 1 order by 2 desc`;
    console.log(
      `Data set: ${c!.vendors.toLocaleString("en")} vendors (${c!.orgs} organisations), ${c!.users.toLocaleString("en")} people, ${c!.products.toLocaleString("en")} products, ${c!.attestations.toLocaleString("en")} attestations (${states.map((x) => `${x.status} ${x.n}`).join(", ")}), ${c!.events.toLocaleString("en")} log events; database ${c!.db}.`,
    );

    if (!args.includes("--no-verify")) {
      const v = await verifyLog(handle.db, logSigner());
      console.log(
        `Verify: ${v.ok ? "ok" : "FAILED"}: ${v.events.toLocaleString("en")} events, ${v.matchedCheckpoints}/${v.checkpoints} checkpoints matched, ${s(v.ms)}${v.firstBad ? `; first bad: ${JSON.stringify(v.firstBad)}` : ""}.`,
      );
      if (!v.ok) process.exitCode = 1;
    }
    console.log(`Done in ${s(performance.now() - started)}.`);
  } finally {
    await sql.end({ timeout: 5 });
    await handle.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
