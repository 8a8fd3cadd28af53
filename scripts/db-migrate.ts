import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { parseConfig } from "@/lib/config";

// Do not run while a server uses the same embedded database folder: PGlite allows one process per folder.
const config = parseConfig();
const handle = await openDatabase(config.database);
try {
  await migrateDatabase(handle, config.database);
  console.log(`Migrations applied (${config.database.kind}).`);
} finally {
  await handle.close();
}
