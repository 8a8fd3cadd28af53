// Transparency log benchmark (issue 12), on the PostgreSQL database in DATABASE_URL (seed it with
// npm run seed:load for 1,000,000 events). Prints:
//  1. verifyLog over the whole log (the acceptance asks under a minute for 1,000,000 events), wall and
//     CPU time (this process and the PostgreSQL backends), and where the time goes: the page reads
//     alone, each check on rows already in memory, and the event pass with eventPages and one parse;
//  2. appendEvent throughput, one event per transaction, with 1, 8 and 32 concurrent writers, in a
//     scratch database created for it and dropped after (the log is append-only: bench events must
//     not stay in the seeded one);
//  3. signing a checkpoint over the seeded log: cold (empty leaf cache, as after a restart) and warm,
//     each over one new event, inside a transaction that is rolled back, so the log is left as it was.
// Run: DATABASE_URL=postgres://… AUTH_SECRET=… RINGFENCE_DATA_DIR=… npm run bench:log -- [--skip verify,profile,proposed,sign,append] [--append-seconds 10]
import os from "node:os";
import postgres from "postgres";
import { openDatabase, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { parseConfig } from "@/lib/config";
import { logSigner } from "@/lib/transparency/keys";
import { appendEvent, resetLeafCache, signCheckpoint } from "@/lib/transparency/log";
import { verifyLog } from "@/lib/transparency/verify";
import { writeBenchJson } from "./bench/json";
import { cpuLine, metered } from "./scale/cpu-meter";
import { profileVerify, proposedPass } from "./scale/verify-profile";

const args = process.argv.slice(2);
const skip = new Set((args[args.indexOf("--skip") + 1] ?? "").split(",").filter(() => args.includes("--skip")));
const APPEND_SECONDS = Number(args.includes("--append-seconds") ? args[args.indexOf("--append-seconds") + 1] : 10);
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString("en")}/s`;

async function benchVerify(db: Db, sql: postgres.Sql) {
  const m = await metered(sql, () => verifyLog(db, logSigner()));
  const v = m.value;
  console.log(
    `verifyLog: ${v.ok ? "ok" : "FAILED"}, ${v.events.toLocaleString("en")} events, ${v.matchedCheckpoints}/${v.checkpoints} checkpoints matched: ${cpuLine(m)} (${rate(v.events, m.wallMs)}); root ${v.root.slice(0, 16)}…${v.firstBad ? `; first bad ${JSON.stringify(v.firstBad)}` : ""}`,
  );
  writeBenchJson({ ok: v.ok, events: v.events, checkpoints: v.checkpoints, seconds: m.wallMs / 1000, eventsPerSecond: v.events / (m.wallMs / 1000) });
}

/** `writers` loops of one transaction each for APPEND_SECONDS: throughput and latency percentiles. */
async function writeLoad(writers: number, write: (writer: number, n: number) => Promise<unknown>): Promise<string> {
  let count = 0;
  const latencies: number[] = [];
  const until = performance.now() + APPEND_SECONDS * 1000;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      while (performance.now() < until) {
        const a = performance.now();
        await write(w, count);
        latencies.push(performance.now() - a);
        count++;
      }
    }),
  );
  const ms = performance.now() - t0;
  latencies.sort((x, y) => x - y);
  const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1);
  return `${count.toLocaleString("en")} in ${s(ms)} = ${rate(count, ms)}; per transaction p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, p99 ${p(0.99)} ms`;
}

async function benchAppend(url: string, owner: postgres.Sql) {
  const name = `${new URL(url).pathname.slice(1)}_bench_append`;
  await owner.unsafe(`drop database if exists ${name} with (force)`);
  await owner.unsafe(`create database ${name}`);
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  const database = { kind: "postgres" as const, url: scratch.toString(), poolMax: 33 };
  const handle = await openDatabase(database);
  try {
    await migrateDatabase(handle, database);
    console.log(`appendEvent, one event per transaction (synchronous_commit on), ${APPEND_SECONDS} s per level, scratch database ${name}:`);
    const append = (w: number, n: number) =>
      handle.db.transaction((tx) =>
        appendEvent(tx, {
          actor: { userId: null, organisationId: null, role: null },
          clientAddress: "192.0.2.1",
          action: "bench.append",
          target: { type: "bench", id: String(w) },
          details: { writer: w, n },
        }),
      );
    for (const writers of [1, 8, 32]) console.log(`  ${String(writers).padStart(2)} writer(s): ${await writeLoad(writers, append)}`);
    // The same transactions without the log: one row into a table of its own, no shared counter.
    const baselineDb = postgres(database.url, { max: 33, onnotice: () => {} });
    try {
      await baselineDb`create table bench_baseline (id bigserial primary key, writer int not null, n int not null, at timestamptz not null default clock_timestamp())`;
      const insert = (w: number, n: number) => baselineDb.begin((tx) => tx`insert into bench_baseline (writer, n) values (${w}, ${n})`);
      console.log("  baseline, the same transactions inserting one row into a table without the log's counter:");
      for (const writers of [1, 8, 32]) console.log(`  ${String(writers).padStart(2)} writer(s): ${await writeLoad(writers, insert)}`);
    } finally {
      await baselineDb.end({ timeout: 5 });
    }
    await signCheckpoint(handle.db);
    const v = await verifyLog(handle.db, logSigner());
    console.log(
      `  the scratch log afterwards: ${v.ok ? "verifies" : "FAILS"} (${v.events.toLocaleString("en")} events, no gap${v.ok ? "" : `: ${JSON.stringify(v.firstBad)}`})`,
    );
  } finally {
    await handle.close();
    resetLeafCache();
    await owner.unsafe(`drop database if exists ${name} with (force)`);
  }
}

async function benchSign(db: Db, sql: postgres.Sql) {
  class Rollback extends Error {}
  const event = (n: number) => ({
    actor: { userId: null, organisationId: null, role: null },
    clientAddress: null,
    action: "bench.checkpoint",
    target: { type: "bench", id: String(n) },
    details: {},
  });
  resetLeafCache();
  const out: string[] = [];
  await db
    .transaction(async (tx) => {
      await appendEvent(tx, event(1));
      const cold = await metered(sql, () => signCheckpoint(tx));
      out.push(`  cold (empty leaf cache, as after a restart): ${cpuLine(cold)}, at size ${cold.value!.treeSize.toLocaleString("en")}`);
      await appendEvent(tx, event(2));
      const warm = await metered(sql, () => signCheckpoint(tx));
      out.push(`  warm (leaves cached, one new event):         ${cpuLine(warm)}, at size ${warm.value!.treeSize.toLocaleString("en")}`);
      throw new Rollback();
    })
    .catch((err: unknown) => {
      if (!(err instanceof Rollback)) throw err;
    });
  resetLeafCache();
  console.log("signCheckpoint (rolled back afterwards; the log is unchanged):");
  for (const line of out) console.log(line);
}

async function main() {
  const config = process.env.DATABASE_URL ? parseConfig() : null;
  if (config?.database.kind !== "postgres") {
    console.error("bench:log needs DATABASE_URL pointing at PostgreSQL (seeded with npm run seed:load).");
    process.exit(2);
  }
  const owner = postgres(config.database.url, { max: 1, onnotice: () => {} });
  const handle = await openDatabase(config.database);
  try {
    const [pg] = await owner<
      { v: string; n: number; size: string }[]
    >`select current_setting('server_version') as v, (select next_seq::int from log_state) as n, pg_size_pretty(pg_total_relation_size('audit_events')) as size`;
    console.log(
      `${new Date().toISOString()}: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, PostgreSQL ${pg!.v}; load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
    console.log(`log: ${pg!.n.toLocaleString("en")} events, audit_events ${pg!.size} with indexes`);
    if (!skip.has("verify")) await benchVerify(handle.db, owner);
    if (!skip.has("profile")) await profileVerify(handle.db, owner);
    if (!skip.has("proposed")) await proposedPass(handle.db, owner);
    if (!skip.has("sign")) await benchSign(handle.db, owner);
    if (!skip.has("append")) await benchAppend(config.database.url, owner);
    console.log(
      `load average now ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    await handle.close();
    await owner.end({ timeout: 5 });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
