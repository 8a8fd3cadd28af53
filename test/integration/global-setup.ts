import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { seedDemo } from "@/db/seed/demo";
import type { AppConfig } from "@/lib/config";
import type { TemplateKind } from "./test-db";

/**
 * Builds the databases each integration file starts from, once per run: one migrated, one
 * migrated and seeded with the demo data. Every file used to migrate and seed a database of its
 * own (argon2 hashes included), which was most of the integration suite's time. Files now clone
 * a template: CREATE DATABASE … TEMPLATE on PostgreSQL, a data-folder image on PGlite.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = project.config.env ?? {};
  const driver = env.TEST_DB_DRIVER;
  const dataDir = env.RINGFENCE_DATA_DIR;
  if (!dataDir) throw new Error("the integration project sets RINGFENCE_DATA_DIR");
  // The seed stores its evidence files under the data folder the tests read them from.
  process.env.RINGFENCE_DATA_DIR = dataDir;
  const started = Date.now();

  if (driver === "postgres") {
    const serverUrl = process.env.TEST_DATABASE_URL;
    if (!serverUrl) throw new Error("TEST_DATABASE_URL is not set");
    const { default: postgres } = await import("postgres");
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const prefix = `rf_tpl_${crypto.randomBytes(4).toString("hex")}`;
    const names: Record<TemplateKind, string> = { migrated: `${prefix}_migrated`, seeded: `${prefix}_seeded` };
    for (const kind of ["migrated", "seeded"] as const) {
      await admin.unsafe(`create database ${names[kind]}`);
      const url = new URL(serverUrl);
      url.pathname = `/${names[kind]}`;
      const database: AppConfig["database"] = { kind: "postgres", url: url.toString(), poolMax: 4 };
      const handle = await openDatabase(database);
      await prepare(handle, database, kind);
      // A template must have no open connections while it is copied.
      await handle.close();
    }
    project.provide("postgresTemplates", names);
    console.log(`[integration-postgres] templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return async () => {
      for (const name of Object.values(names)) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  }

  const folder = path.join(dataDir, "pglite-templates");
  fs.mkdirSync(folder, { recursive: true });
  const files = {} as Record<TemplateKind, string>;
  const database: AppConfig["database"] = { kind: "pglite", dir: "memory://" };
  const handle = await openDatabase(database);
  for (const kind of ["migrated", "seeded"] as const) {
    await prepare(handle, database, kind);
    files[kind] = path.join(folder, `${kind}.tar`);
    const image = await handle.dumpDataDir!();
    fs.writeFileSync(files[kind], Buffer.from(await image.arrayBuffer()));
  }
  await handle.close();
  project.provide("pgliteTemplates", files);
  console.log(`[integration-pglite] templates ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return async () => fs.rmSync(folder, { recursive: true, force: true });
}

async function prepare(handle: DbHandle, database: AppConfig["database"], kind: TemplateKind): Promise<void> {
  if (kind === "migrated") await migrateDatabase(handle, database);
  else {
    await migrateDatabase(handle, database);
    await seedDemo(handle.db);
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresTemplates: Record<TemplateKind, string>;
    pgliteTemplates: Record<TemplateKind, string>;
  }
}
