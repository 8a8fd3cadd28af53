import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { AppConfig } from "@/lib/config";

/** A copy of the committed migrations up to and including number `last` (journal included). */
function migrationsUpTo(last: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `migrations-${String(last).padStart(4, "0")}-`));
  const src = path.resolve("db/migrations");
  for (const f of fs.readdirSync(src)) {
    const n = /^(\d{4})_/.exec(f);
    if (n && Number(n[1]) <= last) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  }
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(src, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= last);
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

export type OldDatabase = { handle: DbHandle; database: AppConfig["database"]; dispose: () => Promise<void> };

/**
 * A new, empty database of the test run's driver (a scratch PostgreSQL database when
 * TEST_DB_DRIVER=postgres, otherwise in-memory PGlite) migrated only up to migration `last`: the
 * schema an older release left behind, for tests of the migrations that follow it.
 */
export async function openDatabaseAtMigration(last: number, namePrefix: string): Promise<OldDatabase> {
  let database: AppConfig["database"];
  let drop = async () => {};
  if (process.env.TEST_DB_DRIVER === "postgres") {
    const { default: postgres } = await import("postgres");
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `${namePrefix}_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    database = { kind: "postgres", url: url.toString(), poolMax: 2 };
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = { kind: "pglite", dir: "memory://" };
  }
  const handle = await openDatabase(database);
  process.env.RINGFENCE_MIGRATIONS_DIR = migrationsUpTo(last);
  try {
    await migrateDatabase(handle, database);
  } finally {
    delete process.env.RINGFENCE_MIGRATIONS_DIR;
  }
  return {
    handle,
    database,
    dispose: async () => {
      await handle.close();
      await drop();
    },
  };
}
