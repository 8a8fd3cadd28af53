// npm run seed:scale -- [--vendors 100] [--seed 1] [--periods 4] [--products N | --rows N] [--log-events 200] [--database-url URL]
// Fills a freshly migrated database with a realistic, varied data set for benchmarks (scripts/seed-scale/seed.ts):
// vendors with 1–5 products, evidence (links, small real files in the data directory, rollout records),
// rollout records with 3–8 rings and events, published history for every past half-year and attestations
// in every live state, panels with scorecards and scores, decisions, reports, notifications and a bounded
// number of transparency log events. The same --seed and options give the same rows and ids.
// Without DATABASE_URL (or --database-url) it fills the embedded PGlite database; benchmarks want PostgreSQL:
//   createdb -h 127.0.0.1 -U postgres rf_scale && DATABASE_URL=postgres://postgres@127.0.0.1:5432/rf_scale npm run seed:scale -- --vendors 2000
// --rows N picks a fixed number of products per vendor so that published reports have about N score rows (the CSV bench wants 1,000,000).
// Published reports can never be deleted: to seed again, drop the database (dropdb … && createdb …).
import { appRoleFor, openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { parseConfig } from "@/lib/config";
import { getBlobStore } from "@/lib/evidence/store";
import { ScaleDataExists, seedScale } from "./seed-scale/seed";

const args = process.argv.slice(2);
const value = (name: string): string | null => {
  const i = args.indexOf(`--${name}`);
  return i < 0 ? null : (args[i + 1] ?? null);
};
const whole = (name: string, fallback: number | null, min = 1): number | null => {
  const raw = value(name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} needs a whole number of at least ${min}, got ${raw ?? "nothing"}.`);
    process.exit(2);
  }
  return n;
};

async function main() {
  const url = value("database-url");
  if (url) process.env.DATABASE_URL = url;
  const vendors = whole("vendors", 100)!;
  const seed = whole("seed", 1, 0)!;
  const periods = whole("periods", 4)!;
  const rows = whole("rows", null);
  let products = whole("products", null);
  // Each published report has one score row per applicable control: about 36 of the 42 of SDP 1.0.
  if (rows) products = Math.max(1, Math.ceil(rows / (vendors * periods * 36)));
  const config = parseConfig();
  const where = config.database.kind === "postgres" ? new URL(config.database.url).pathname.slice(1) : `PGlite at ${config.database.dir}`;
  console.log(`seed:scale into ${where}: ${vendors} vendors, seed ${seed}, ${periods} published half-years, ${products ?? "1–5"} products per vendor.`);
  // The owner's connection (not the portal's role): COPY, and vacuum at the end.
  const database = config.database.kind === "postgres" ? { ...config.database, appRole: null } : config.database;
  const handle = await openDatabase(database);
  try {
    // Migrated as the portal would be: its role made first (on a new server it does not exist yet), so the
    // migration grants it the tables; migrating with `database` (no role) would leave the portal without grants.
    if (config.database.kind === "postgres" && config.database.appRole !== null) {
      const role = await appRoleFor(config.database.url, config.database.appRole);
      await migrateDatabase(handle, { ...config.database, appRole: role });
    } else await migrateDatabase(handle, database);
    const result = await seedScale(handle, {
      vendors,
      seed,
      periods,
      products,
      blobs: getBlobStore(),
      logEvents: whole("log-events", 200, 0)!,
      log: (line) => console.log(line),
    });
    if (handle.kind === "postgres") {
      // As a long-lived database would be: statistics for the planner, the visibility map for index-only scans.
      const sql = (handle.db as unknown as { $client: import("postgres").Sql }).$client;
      await sql`vacuum (analyze)`;
    }
    const width = Math.max(...Object.keys(result.counts).map((k) => k.length));
    console.log("\nRows per table:");
    for (const [table, n] of Object.entries(result.counts)) console.log(`  ${table.padEnd(width)}  ${n.toLocaleString("en").padStart(12)}`);
    console.log(
      `\nDone in ${result.seconds.toFixed(1)} s (${((performance.now() - started) / 1000).toFixed(1)} s with migrations${handle.kind === "postgres" ? " and vacuum" : ""}). Evidence files are in ${config.dataDir}/blobs; ${result.logEvents} transparency log events were appended.`,
    );
  } catch (err) {
    if (err instanceof ScaleDataExists) {
      console.error(`${err.message} Nothing was done. Published reports cannot be deleted: to seed again, drop and re-create the database.`);
      process.exitCode = 2;
      return;
    }
    throw err;
  } finally {
    await handle.close();
  }
}

const started = performance.now();
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
