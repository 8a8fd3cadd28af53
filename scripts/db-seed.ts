import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import { isLocalDatabaseUrl } from "@/db/seed/guard";
import { parseConfig } from "@/lib/config";

const force = process.argv.includes("--force");
const config = parseConfig();

if (config.database.kind === "postgres" && !force && !isLocalDatabaseUrl(config.database.url)) {
  console.error("Refusing to seed demo data into a non-local database. Re-run with --force if you really mean it.");
  process.exit(2);
}

const handle = await openDatabase(config.database);
try {
  await migrateDatabase(handle, config.database);
  console.log(await seedDemo(handle.db));
} finally {
  await handle.close();
}
