import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isLocalDatabaseUrl } from "@/db/seed/guard";
import { parseConfig } from "@/lib/config";

const force = process.argv.includes("--force");
const config = parseConfig();

if (config.database.kind === "postgres" && !force && !isLocalDatabaseUrl(config.database.url)) {
  console.error("Refusing to seed demo data into a non-local database. Re-run with --force if you really mean it.");
  process.exit(2);
}

// Loaded after the guard: a refusal should not wait for the whole seed (and the domain code it uses) to load.
const { seedDemo } = await import("@/db/seed/demo");
const handle = await openDatabase(config.database);
try {
  await migrateDatabase(handle, config.database);
  console.log(await seedDemo(handle.db));
} finally {
  await handle.close();
}
