import { getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getConfig } from "@/lib/config";
import type { BlobStore } from "@/lib/storage/blob-store";
import { logInfo } from "./log";

/** Staging files older than this belong to no live upload (uploads touch theirs with every write). */
export const TEMP_MAX_AGE_MS = 60 * 60 * 1000;

/**
 * Uploads interrupted by a crash or restart leave staging files only. Remove those untouched
 * for an hour, never newer ones: another instance sharing the folder may be writing them.
 */
export function removeStaleUploads(store: Pick<BlobStore, "cleanupTemp">): Promise<number> {
  return store.cleanupTemp({ olderThanMs: TEMP_MAX_AGE_MS });
}

export async function startServer(): Promise<void> {
  const config = getConfig();
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
    logInfo(`email: sending over ${server.protocol.replace(":", "").toUpperCase()} via ${server.hostname}:${server.port || "default port"} as ${config.mail.from}`);
  } else {
    logInfo("email: SMTP_URL is not set, so no email is sent; messages are held in the outbox (/admin/outbox)");
  }
}
