import "server-only";
import type { AppConfig } from "@/lib/config";
import { forgetOldWindows } from "@/lib/http/rate-limit";
import { queueRemediationReminders } from "@/lib/review/remediation";
import { forgetExpiredKeys } from "@/lib/rollouts/idempotency";
import { signCheckpoint } from "@/lib/transparency/log";
import type { PeriodicJob } from "./periodic";

/** How often remediation items due soon or overdue are looked for (each reminder goes out once; lib/review/remediation.ts). */
export const REMINDER_INTERVAL_MS = 60 * 60 * 1000;
/** How often expired rate-limit windows and idempotency keys are removed. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

/** The portal's periodic work, each job run once per period across all instances (periodic.ts). */
export function portalJobs(config: Pick<AppConfig, "log">): PeriodicJob[] {
  const jobs: PeriodicJob[] = [];
  // A checkpoint when the log has grown; LOG_CHECKPOINT_SECONDS=0 signs only on demand.
  if (config.log.checkpointSeconds > 0) jobs.push({ name: "log.checkpoint", everyMs: config.log.checkpointSeconds * 1000, run: (db) => signCheckpoint(db) });
  jobs.push({ name: "remediation.reminders", everyMs: REMINDER_INTERVAL_MS, run: (db) => queueRemediationReminders(db) });
  jobs.push({
    name: "housekeeping",
    everyMs: HOUSEKEEPING_INTERVAL_MS,
    run: async (db) => {
      await forgetOldWindows(db);
      await forgetExpiredKeys(db);
    },
  });
  return jobs;
}
