// A fresh PostgreSQL database with the demo data, for server tests that must change rows the
// portal reads (expire a token, plant a password link) while `next start` serves it. PGlite
// cannot do this: one process per data folder.
import crypto from "node:crypto";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";

export const postgresServer = () => process.env.TEST_DATABASE_URL;

export async function seededPostgres(): Promise<{ url: string; handle: DbHandle; dispose: () => Promise<void> }> {
  const serverUrl = postgresServer();
  if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rf_srv_${crypto.randomBytes(5).toString("hex")}`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = { kind: "postgres" as const, url: url.toString(), poolMax: 2 };
  const handle = await openDatabase(database);
  await migrateDatabase(handle, database);
  await seedDemo(handle.db);
  return {
    url: url.toString(),
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
