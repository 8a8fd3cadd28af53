import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { getConfig, type AppConfig } from "@/lib/config";
import { noteStatement, statementLogFile } from "@/lib/server/statement-count";
import * as schema from "./schema";

type Schema = typeof schema;
/** The common surface of the postgres.js and PGlite drizzle databases. */
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Data-access functions accept either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export type DbHandle = {
  db: Db;
  kind: "postgres" | "pglite";
  close: () => Promise<void>;
  /** PGlite only: an image of the whole data folder, which `openDatabase(…, { image })` starts from. */
  dumpDataDir?: () => Promise<Blob>;
};

/** Opens a database for the given settings. The portal uses {@link getDb}; tests and scripts may open their own. */
export async function openDatabase(database: AppConfig["database"], options: { image?: Blob } = {}): Promise<DbHandle> {
  if (database.kind === "postgres") {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const role = database.appRole === null ? null : await appRoleFor(database.url, database.appRole ?? APP_ROLE);
    // postgres.js waits longer after each failed connection (up to 20 s by default) before the next
    // attempt, and queries wait with it: after an outage the portal would stay down that long.
    // Requests are held off by the database gate meanwhile (lib/http/database-gate.ts), so retry soon.
    const backoff = (retries: number) => Math.min(0.05 * 2 ** retries, 1);
    const sql = postgres(database.url, { max: database.poolMax, onnotice: () => {}, connect_timeout: 5, backoff, ...(role ? { connection: { role } } : {}) });
    return {
      db: drizzle(sql, { schema, casing: "snake_case", logger: statementLogger() }) as unknown as Db,
      kind: "postgres",
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (database.dir !== "memory://") fs.mkdirSync(path.dirname(database.dir), { recursive: true });
  // PGlite reads its options from the first argument when there is no folder (in memory).
  const loaded = options.image ? { loadDataDir: options.image } : {};
  const client = database.dir === "memory://" ? new PGlite(loaded) : new PGlite(database.dir, loaded);
  await client.waitReady;
  return {
    db: drizzle(client, { schema, casing: "snake_case", logger: statementLogger() }) as unknown as Db,
    kind: "pglite",
    close: () => client.close(),
    dumpDataDir: () => client.dumpDataDir("none"),
  };
}

/**
 * The database role the portal's queries run as (migration 0009 and db/migrate.ts
 * grant it everything except changing or removing log rows). Migrations and
 * scripts that need the owner connect without it. Created here when missing, so a
 * fresh database gets it before its first query; if the login role may neither
 * create nor use it, the portal runs as the login role and says so (the log's
 * triggers still refuse changes). Unreachable databases are assumed set up.
 */
export const APP_ROLE = "ringfence_app";

export async function appRoleFor(url: string, role: string = APP_ROLE): Promise<string | null> {
  const { default: postgres } = await import("postgres");
  const probe = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await probe.unsafe(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${role}') then create role ${role} nologin; end if;
         if not pg_has_role(current_user, '${role}', 'MEMBER') then execute 'grant ${role} to ' || quote_ident(current_user); end if;
       exception when insufficient_privilege or duplicate_object or unique_violation then null;
       end $$`,
    );
    const [row] = await probe<
      { ok: boolean }[]
    >`select coalesce((select pg_has_role(current_user, ${role}, 'MEMBER') where exists (select 1 from pg_roles where rolname = ${role})), false) as ok`;
    if (!row?.ok) console.warn(`[ringfence] database role ${role} is missing or not granted to the login role: running as the login role`);
    return row?.ok ? role : null;
  } catch {
    return role;
  } finally {
    await probe.end({ timeout: 1 }).catch(() => {});
  }
}

// One client per process, kept on globalThis so dev-mode reloads do not open a second PGlite on the same folder.
const holder = globalThis as unknown as { __ringfenceDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  holder.__ringfenceDb ??= openDatabase(getConfig().database).catch((err: unknown) => {
    holder.__ringfenceDb = undefined;
    throw err;
  });
  return holder.__ringfenceDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Replaces the process database (integration tests). */
export function setDbHandleForProcess(handle: DbHandle | undefined): void {
  holder.__ringfenceDb = handle ? Promise.resolve(handle) : undefined;
}

export { schema };

/** With RINGFENCE_STATEMENT_LOG set, every statement counts towards its request (lib/server/statement-count.ts). */
function statementLogger(): { logQuery: () => void } | undefined {
  return statementLogFile() ? { logQuery: noteStatement } : undefined;
}
