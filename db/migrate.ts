import path from "node:path";
import type { AppConfig } from "@/lib/config";
import type { DbHandle } from "./client";

const MIGRATION_LOCK = 7262711;

function migrationsFolder(): string {
  return path.resolve(process.env.RINGFENCE_MIGRATIONS_DIR ?? path.join(process.cwd(), "db/migrations"));
}

/**
 * Applies the committed SQL migrations in db/migrations, on either driver.
 * On PostgreSQL several instances may start at once, so the run holds a
 * session advisory lock on one dedicated connection.
 */
export async function migrateDatabase(handle: DbHandle, database: AppConfig["database"]): Promise<void> {
  if (database.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migrate(drizzle(sql), { migrationsFolder: migrationsFolder() });
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      await sql.end({ timeout: 5 });
    }
    return;
  }
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(handle.db as never, { migrationsFolder: migrationsFolder() });
}
