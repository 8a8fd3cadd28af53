import path from "node:path";
import type { AppConfig } from "@/lib/config";
import { APP_ROLE, type Db, type DbHandle } from "./client";
import * as schema from "./schema";

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
      if (database.appRole !== null) await grantAppRole(sql, database.appRole ?? APP_ROLE);
      await importLegacyAudit(drizzle(sql, { schema, casing: "snake_case" }) as unknown as Db);
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      await sql.end({ timeout: 5 });
    }
    return;
  }
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  await migrate(handle.db as never, { migrationsFolder: migrationsFolder() });
  await importLegacyAudit(handle.db);
}

/**
 * The application role may read and write every table, but only read and append
 * the log: no UPDATE, DELETE or TRUNCATE on audit_events or log_checkpoints, and
 * the counter may only be updated (its trigger allows +1 only). Re-applied after
 * every migration run so new tables are covered.
 */
async function grantAppRole(sql: import("postgres").Sql, role: string): Promise<void> {
  const [row] = await sql<{ exists: boolean }[]>`select exists (select 1 from pg_roles where rolname = ${role}) as exists`;
  if (!row?.exists) return;
  await sql.unsafe(`
    grant usage on schema public to ${role};
    grant select, insert, update, delete on all tables in schema public to ${role};
    grant usage, select, update on all sequences in schema public to ${role};
  `);
  // Only the tables that exist (a run may stop at an earlier migration).
  for (const [table, privileges] of [
    ["audit_events", "update, delete, truncate"],
    ["log_checkpoints", "update, delete, truncate"],
    ["log_state", "insert, delete, truncate"],
  ] as const) {
    const [t] = await sql<{ present: boolean }[]>`select to_regclass(${`public.${table}`}) is not null as present`;
    if (t?.present) await sql.unsafe(`revoke ${privileges} on ${table} from ${role}`);
  }
}

/**
 * Migration 0009 kept the old audit rows in audit_events_legacy. They are
 * appended to the log once, in their original order, keeping their time and
 * actor in the detail and dropping names and e-mail addresses; then the old
 * table goes.
 */
async function importLegacyAudit(db: Db): Promise<void> {
  const { sql } = await import("drizzle-orm");
  const { appendEvent } = await import("@/lib/transparency/log");
  const rows = await db.execute(sql`select to_regclass('public.audit_events_legacy') is not null as present`);
  const present = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { present: boolean } | undefined;
  if (!present?.present) return;
  await db.transaction(async (tx) => {
    const legacy = await tx.execute(
      sql`select id, at, actor_user_id, actor_organisation_id, action, target_type, target_id, details from audit_events_legacy order by id`,
    );
    const list = (Array.isArray(legacy) ? legacy : (legacy as { rows: unknown[] }).rows) as {
      id: number | string;
      at: Date | string;
      actor_user_id: string | null;
      actor_organisation_id: string | null;
      action: string;
      target_type: string;
      target_id: string | null;
      details: Record<string, unknown> | string;
    }[];
    for (const r of list) {
      const details = typeof r.details === "string" ? (JSON.parse(r.details) as Record<string, unknown>) : r.details;
      await appendEvent(tx, {
        actor: { userId: r.actor_user_id, organisationId: r.actor_organisation_id, role: null },
        clientAddress: null,
        action: r.action,
        target: { type: r.target_type, id: r.target_id },
        details: { ...withoutPersonalData(details), legacy: { id: Number(r.id), at: new Date(r.at).toISOString() } },
      });
    }
    await tx.execute(sql`drop table audit_events_legacy`);
  });
}

const PERSONAL_KEYS = /^(e-?mail|name|byName|signerName|signerTitle|displayName|fullName)$/i;

/** A copy of legacy detail without names or e-mail addresses, at any depth. */
export function withoutPersonalData(value: Record<string, unknown>): Record<string, unknown> {
  const clean = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(clean);
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v)
          .filter(([k]) => !PERSONAL_KEYS.test(k))
          .map(([k, x]) => [k, clean(x)]),
      );
    if (typeof v === "string" && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) return "[address removed]";
    return v;
  };
  return clean(value) as Record<string, unknown>;
}
