import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import { parseConfig } from "@/lib/config";

const force = process.argv.includes("--force");
const config = parseConfig();

if (config.database.kind === "postgres" && !force) {
  const host = new URL(config.database.url).hostname;
  const local = ["localhost", "127.0.0.1", "::1", "[::1]", ""].includes(host);
  if (!local) {
    console.error(`Refusing to seed demo data into a non-local database (${host}). Re-run with --force if you really mean it.`);
    process.exit(2);
  }
}

const handle = await openDatabase(config.database);
try {
  await migrateDatabase(handle, config.database);
  console.log(await seedDemo(handle.db));
} finally {
  await handle.close();
}
