import crypto from "node:crypto";
import fs from "node:fs";
import { inject } from "vitest";
import { openDatabase, setDbHandleForProcess, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import type { AppConfig } from "@/lib/config";

/** What a test file's database starts as: empty, migrated, or migrated and seeded with the demo data. */
export type TemplateKind = "migrated" | "seeded";
export type TestDb = DbHandle & { database: AppConfig["database"]; dispose: () => Promise<void> };

/**
 * A database of the file's own: in-memory PGlite, or a new database on the PostgreSQL server
 * named by TEST_DATABASE_URL (dropped after). By default it is migrated; `{ seeded: true }` also
 * holds the demo data (db/seed/demo.ts). Both are copies of templates that
 * test/integration/global-setup.ts builds once per run, so no file migrates or seeds on its own.
 */
export async function openTestDb(options: { seeded?: boolean } = {}): Promise<TestDb> {
  const kind: TemplateKind = options.seeded ? "seeded" : "migrated";
  if (process.env.TEST_DB_DRIVER === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const template = inject("postgresTemplates")?.[kind];
    const name = `rf_it_${crypto.randomBytes(5).toString("hex")}`;
    const { default: postgres } = await import("postgres");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const database: AppConfig["database"] = { kind: "postgres", url: url.toString(), poolMax: 4 };
    const handle = await openDatabase(database);
    if (!template) await fromScratch(handle, database, kind);
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
  const imageFile = inject("pgliteTemplates")?.[kind];
  const handle = await openDatabase(database, imageFile ? { image: new Blob([fs.readFileSync(imageFile)]) } : {});
  if (!imageFile) await fromScratch(handle, database, kind);
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

/** Without the run's templates (a file run outside its project): migrate, and seed when asked. */
async function fromScratch(handle: DbHandle, database: AppConfig["database"], kind: TemplateKind): Promise<void> {
  await migrateDatabase(handle, database);
  if (kind === "seeded") await seedDemo(handle.db);
}
