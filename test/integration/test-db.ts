import crypto from "node:crypto";
import { openDatabase, setDbHandleForProcess, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { AppConfig } from "@/lib/config";

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new
 * database on the PostgreSQL server named by TEST_DATABASE_URL (dropped after).
 */
export async function openTestDb(): Promise<DbHandle & { database: AppConfig["database"]; dispose: () => Promise<void> }> {
  if (process.env.TEST_DB_DRIVER === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const name = `rf_it_${crypto.randomBytes(5).toString("hex")}`;
    const { default: postgres } = await import("postgres");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database: AppConfig["database"] = { kind: "postgres", url: url.toString(), poolMax: 4 };
    const handle = await openDatabase(database);
    await migrateDatabase(handle, database);
    setDbHandleForProcess(handle);
    return {
      ...handle,
      database,
      dispose: async () => {
        setDbHandleForProcess(undefined);
        await handle.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const database: AppConfig["database"] = { kind: "pglite", dir: "memory://" };
  const handle = await openDatabase(database);
  await migrateDatabase(handle, database);
  setDbHandleForProcess(handle);
  return {
    ...handle,
    database,
    dispose: async () => {
      setDbHandleForProcess(undefined);
      await handle.close();
    },
  };
}
