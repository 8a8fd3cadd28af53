import { getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getConfig } from "@/lib/config";
import type { BlobStore } from "@/lib/storage/blob-store";
import { createAvailability, setProcessAvailability, type Availability } from "./availability";
import { createPostgresProbe } from "./db-probe";
import { isDatabaseUnreachable } from "./db-errors";
import { logError, logInfo } from "./log";

/** Staging files older than this belong to no live upload (uploads touch theirs with every write). */
export const TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Uploads interrupted by a crash or restart leave staging files only. Remove those untouched
 * for an hour, never newer ones: another instance sharing the folder may be writing them.
 */
export function removeStaleUploads(store: Pick<BlobStore, "cleanupTemp">): Promise<number> {
  return store.cleanupTemp({ olderThanMs: TEMP_MAX_AGE_MS });
}

/** While PostgreSQL cannot be reached at start, start-up is tried again this often; requests meanwhile get 503. */
export const START_RETRY_MS = 2000;

export async function startServer(): Promise<void> {
  const config = getConfig();
  if (config.database.kind === "pglite") return prepare(config);
  // Requests get 503 until start-up has finished and whenever the database stops answering (lib/http/database-gate.ts).
  let ready = false;
  watchDatabase(config.database.url, () => ready);
  const attempt = (): Promise<void> =>
    prepare(config).then(() => {
      ready = true;
    });
  try {
    await attempt();
  } catch (err) {
    // Thrown from here, Next would answer 500 to every request for good, even once the database is back.
    if (!isDatabaseUnreachable(err)) throw err;
    logInfo(`the database cannot be reached; answering 503 and retrying start-up every ${START_RETRY_MS / 1000} s`);
    const retry = () =>
      setTimeout(() => {
        attempt().then(
          () => logInfo("the database answers again: start-up finished"),
          (e: unknown) => {
            if (!isDatabaseUnreachable(e)) logError("start-up (retrying)", e);
            retry();
          },
        );
      }, START_RETRY_MS).unref();
    retry();
  }
}

/** A database that has not answered `select 1` in this time counts as unavailable. */
const PROBE_TIMEOUT_MS = 2000;

/** One probe per process, on a connection of its own, shared by every request that needs an answer. */
function watchDatabase(url: string, ready: () => boolean): void {
  let availability: Availability | undefined = undefined;
  const probe = createPostgresProbe(url, { timeoutMs: PROBE_TIMEOUT_MS, onClosed: () => availability?.invalidate() });
  availability = createAvailability(
    async () => {
      if (!ready()) throw new Error("start-up has not finished");
      await probe.probe();
    },
    { okTtlMs: 1000, downTtlMs: 1000, timeoutMs: PROBE_TIMEOUT_MS, onTimeout: () => probe.reset() },
  );
  setProcessAvailability(availability);
}

async function prepare(config: ReturnType<typeof getConfig>): Promise<void> {
  const handle = await getDbHandle();
  await migrateDatabase(handle, config.database);
  logInfo(`database ready (${config.database.kind === "pglite" ? `embedded PGlite in ${config.database.dir}` : "PostgreSQL"})`);
  await import("@/lib/evidence/store").then(({ getBlobStore }) => removeStaleUploads(getBlobStore()));
  if (config.database.kind === "pglite") {
    const { seedIfEmpty } = await import("@/db/seed/demo");
    const seeded = await seedIfEmpty(handle.db);
    if (seeded) logInfo(`demo data created on first start.\n${seeded}`);
  }
  await startEmailWorker(config);
  if (process.env.NEXT_PHASE !== "phase-production-build") {
    // Checkpoints, reminders and housekeeping: once per period across every instance (lib/server/periodic.ts).
    const [{ startPeriodicWork, stopPeriodicWork, INSTANCE_ID }, { portalJobs }, { getDb }] = await Promise.all([
      import("./periodic"),
      import("./periodic-jobs"),
      import("@/db/client"),
    ]);
    const jobs = portalJobs(config);
    startPeriodicWork(getDb, jobs);
    logInfo(
      `periodic work (${jobs.map((j) => `${j.name} every ${j.everyMs / 1000} s`).join(", ")}) is shared with every instance on this database; this one is ${INSTANCE_ID}`,
    );
    if (!process.env.NEXT_MANUAL_SIG_HANDLE) for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopPeriodicWork());
  }
}

/** The email worker runs in every server process (claims keep instances apart), never while `next build` runs. */
async function startEmailWorker(config: ReturnType<typeof getConfig>): Promise<void> {
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startMailWorker, stopMailWorker } = await import("@/lib/notifications/worker");
  startMailWorker();
  // On shutdown no new run starts and the current one may finish while Next closes the server.
  // Only beside Next's own signal handlers, which end the process: a lone listener would keep it alive.
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void stopMailWorker());
  if (config.mail.smtpUrl) {
    const server = new URL(config.mail.smtpUrl);
    // Host and port only: the URL may hold a user name and password.
    logInfo(
      `email: sending over ${server.protocol.replace(":", "").toUpperCase()} via ${server.hostname}:${server.port || "default port"} as ${config.mail.from}`,
    );
  } else {
    logInfo("email: SMTP_URL is not set, so no email is sent; messages are held in the outbox (/admin/outbox)");
  }
}
