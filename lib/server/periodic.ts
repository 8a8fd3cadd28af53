import "server-only";
import crypto from "node:crypto";
import os from "node:os";
import { and, eq, lte, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { periodicJobs } from "@/db/schema";
import { logError } from "./log";

/**
 * Periodic work that must happen once per period however many server instances run (log
 * checkpoints, remediation reminders, housekeeping). Each job has a row in `periodic_jobs`; every
 * instance ticks, and the instance whose UPDATE moves the row's `next_run_at` past now runs that
 * period's work. PostgreSQL re-checks the WHERE clause of a concurrent UPDATE against the row the
 * first one committed, so exactly one instance claims each period. A run that fails or whose
 * instance dies is not repeated within its period: the next period runs it again (every job here
 * is safe to run late). The embedded PGlite database has one instance and takes the same path.
 */
export type PeriodicJob = { name: string; everyMs: number; run: (db: Db) => Promise<unknown> };

/** This process, as recorded in `periodic_jobs.last_instance`. */
export const INSTANCE_ID = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString("hex")}`;

/** Claims the current period of `job` for `instance`; true when this caller should run it. */
export async function claimPeriod(db: DbOrTx, job: Pick<PeriodicJob, "name" | "everyMs">, instance: string, now: Date = new Date()): Promise<boolean> {
  await db.insert(periodicJobs).values({ name: job.name, nextRunAt: now }).onConflictDoNothing();
  const claimed = await db
    .update(periodicJobs)
    .set({ nextRunAt: new Date(now.getTime() + job.everyMs), lastRunAt: now, lastInstance: instance, runs: sql`${periodicJobs.runs} + 1` })
    .where(and(eq(periodicJobs.name, job.name), lte(periodicJobs.nextRunAt, now)))
    .returning({ name: periodicJobs.name });
  return claimed.length === 1;
}

/** One tick: runs, one after another, every job whose period this instance claimed. Returns their names. */
export async function runDueJobs(db: Db, jobs: PeriodicJob[], instance: string = INSTANCE_ID, now: Date = new Date()): Promise<string[]> {
  const ran: string[] = [];
  for (const job of jobs) {
    let mine = false;
    try {
      mine = await claimPeriod(db, job, instance, now);
      if (mine) await job.run(db);
    } catch (err) {
      logError(`periodic job ${job.name}${mine ? "" : " (claim)"}`, err);
    }
    if (mine) ran.push(job.name);
  }
  return ran;
}

type RunnerState = { timer?: NodeJS.Timeout; running?: Promise<unknown>; stopped: boolean };
const holder = globalThis as unknown as { __ringfencePeriodic?: RunnerState };

/** How often each instance looks for due jobs. Shorter than any job's period. */
export const TICK_MS = 5000;

/** Ticks in the background (unref'd: it never keeps the process alive). One runner per process. */
export function startPeriodicWork(getDb: () => Promise<Db>, jobs: PeriodicJob[], tickMs = TICK_MS): void {
  if (holder.__ringfencePeriodic || jobs.length === 0) return;
  const state: RunnerState = { stopped: false };
  holder.__ringfencePeriodic = state;
  const tick = async () => runDueJobs(await getDb(), jobs);
  const schedule = (delay: number) => {
    if (state.stopped) return;
    state.timer = setTimeout(() => {
      state.running = tick()
        .catch((err: unknown) => logError("periodic work", err))
        .finally(() => {
          state.running = undefined;
          schedule(tickMs);
        });
    }, delay);
    state.timer.unref();
  };
  schedule(0);
}

/** Stops ticking and waits for a tick in progress. */
export async function stopPeriodicWork(): Promise<void> {
  const state = holder.__ringfencePeriodic;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
  holder.__ringfencePeriodic = undefined;
}
