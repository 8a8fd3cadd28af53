import { getDbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { getConfig } from "@/lib/config";
import { logInfo } from "./log";

export async function startServer(): Promise<void> {
  const config = getConfig();
  const handle = await getDbHandle();
  await migrateDatabase(handle, config.database);
  logInfo(`database ready (${config.database.kind === "pglite" ? `embedded PGlite in ${config.database.dir}` : "PostgreSQL"})`);
  // Uploads interrupted by a crash or restart leave staging files only: remove them.
  await import("@/lib/evidence/store").then(({ getBlobStore }) => getBlobStore().cleanupTemp());
  if (config.database.kind === "pglite") {
    const { seedIfEmpty } = await import("@/db/seed/demo");
    const seeded = await seedIfEmpty(handle.db);
    if (seeded) logInfo(`demo data created on first start.\n${seeded}`);
  }
}
