import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openDatabase, type Db, type DbHandle } from "@/db/client";
import { periodicJobs } from "@/db/schema";
import { runDueJobs, type PeriodicJob } from "@/lib/server/periodic";
import { portalJobs } from "@/lib/server/periodic-jobs";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
// On PostgreSQL a second pool stands for a second server instance; embedded PGlite has one connection.
let second: DbHandle | null = null;
const pools = (): Db[] => [t.db, second?.db ?? t.db];

beforeAll(async () => {
  t = await openTestDb();
  if (t.database.kind === "postgres") second = await openDatabase(t.database);
}, 120_000);

afterAll(async () => {
  await second?.close();
  await t?.dispose();
});

const MINUTE = 60_000;
const base = new Date("2026-12-03T10:00:00Z").getTime();

describe("periodic work shared by several instances", () => {
  it("runs each period of a job exactly once while four instances tick at the same moments", async () => {
    const runsByPeriod = new Map<number, number>();
    let period = 0;
    const job: PeriodicJob = {
      name: "test.once",
      everyMs: MINUTE,
      run: async () => {
        runsByPeriod.set(period, (runsByPeriod.get(period) ?? 0) + 1);
      },
    };
    const instances = ["a", "b", "c", "d"];
    for (period = 0; period < 20; period++) {
      // Every instance ticks several times within the period, all at once.
      for (const offset of [1_000, 20_000, 59_000]) {
        const now = new Date(base + period * MINUTE + offset);
        await Promise.all(instances.map((id, i) => runDueJobs(pools()[i % 2]!, [job], id, now)));
      }
    }
    expect([...runsByPeriod.values()]).toEqual(Array(20).fill(1));
    const [row] = await t.db.select().from(periodicJobs).where(eq(periodicJobs.name, "test.once"));
    expect(row!.runs).toBe(20);
    expect(instances).toContain(row!.lastInstance);
  });

  it("does not repeat a failed run within its period, and runs it again in the next", async () => {
    let attempts = 0;
    const job: PeriodicJob = {
      name: "test.failing",
      everyMs: MINUTE,
      run: async () => {
        attempts++;
        if (attempts === 1) throw new Error("the mail server is down");
      },
    };
    const at = (ms: number) => new Date(base + ms);
    expect(await runDueJobs(t.db, [job], "a", at(0))).toEqual(["test.failing"]);
    expect(await runDueJobs(t.db, [job], "b", at(30_000))).toEqual([]);
    expect(attempts).toBe(1);
    expect(await runDueJobs(t.db, [job], "b", at(MINUTE))).toEqual(["test.failing"]);
    expect(attempts).toBe(2);
  });

  it("runs the portal's jobs (checkpoint, reminders, housekeeping) once per period on a real database", async () => {
    const jobs = portalJobs({ log: { origin: "test", signingKey: null, signingKeyFile: null, checkpointSeconds: 60 } });
    expect(jobs.map((j) => j.name)).toEqual(["log.checkpoint", "remediation.reminders", "housekeeping"]);
    const now = new Date();
    const ran = await Promise.all(["a", "b", "c"].map((id, i) => runDueJobs(pools()[i % 2]!, jobs, id, now)));
    expect(ran.flat().sort()).toEqual(["housekeeping", "log.checkpoint", "remediation.reminders"]);
    const rows = await t.db.select().from(periodicJobs);
    for (const name of ["log.checkpoint", "remediation.reminders", "housekeeping"]) expect(rows.find((r) => r.name === name)?.runs).toBe(1);
  });
});
