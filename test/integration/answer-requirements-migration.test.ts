import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase, type DbHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import type { AppConfig } from "@/lib/config";
import { DEFAULT_ANSWER_REQUIREMENTS } from "@/lib/catalog/answer-requirements";

let handle: DbHandle;
let database: AppConfig["database"];
let dispose: () => Promise<void> = async () => {};

/** The migrations as they were before versions carried answer requirements (0000–0010). */
function migrationsBefore0011(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrations-0010-"));
  const src = path.resolve("db/migrations");
  for (const f of fs.readdirSync(src)) if (/^00(0\d|10)_/.test(f)) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(src, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((e) => e.idx <= 10);
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

/** The database's own refusal (drizzle wraps it as "Failed query: …" with the cause beside it). */
async function refusedWith(q: ReturnType<typeof sql>, message: RegExp) {
  const e = await handle.db.execute(q).then(
    () => null,
    (err: unknown) => err as Error & { cause?: Error },
  );
  expect(e, "the database accepted the change").not.toBeNull();
  expect(e!.cause?.message ?? e!.message).toMatch(message);
}

const rows = async (q: ReturnType<typeof sql>) => {
  const r = await handle.db.execute(q);
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as Record<string, unknown>[];
};

beforeAll(async () => {
  if (process.env.TEST_DB_DRIVER === "postgres") {
    const { default: postgres } = await import("postgres");
    const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `rf_req_${Date.now().toString(36)}`;
    await admin.unsafe(`create database ${name}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    database = { kind: "postgres", url: url.toString(), poolMax: 2 };
    dispose = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    database = { kind: "pglite", dir: "memory://" };
  }
  handle = await openDatabase(database);
  process.env.RINGFENCE_MIGRATIONS_DIR = migrationsBefore0011();
  try {
    await migrateDatabase(handle, database);
  } finally {
    delete process.env.RINGFENCE_MIGRATIONS_DIR;
  }
}, 120_000);

afterAll(async () => {
  await handle?.close();
  await dispose();
});

describe("migration 0011: answer requirements on existing catalog versions", () => {
  it("writes the default rules into published, retired and draft versions, then freezes them with the published ones", async () => {
    await handle.db.execute(sql`insert into frameworks (slug) values ('old-framework')`);
    for (const [version, status] of [
      ["1.0", "published"],
      ["0.9", "retired"],
      ["1.1", "draft"],
    ] as const) {
      await handle.db.execute(
        sql`insert into framework_versions (framework_id, version, title, publisher, status) select id, ${version}, 'Old framework', 'Publisher', 'draft' from frameworks where slug = 'old-framework'`,
      );
      if (status !== "draft") await handle.db.execute(sql`update framework_versions set status = 'published', published_at = now() where version = ${version}`);
      if (status === "retired") await handle.db.execute(sql`update framework_versions set status = 'retired', retired_at = now() where version = ${version}`);
    }
    // Before 0011 the guard already refuses changes to a published version.
    await refusedWith(sql`update framework_versions set title = 'x' where version = '1.0'`, /can only be retired/);

    await migrateDatabase(handle, database);

    const after = await rows(sql`select version, status, answer_requirements from framework_versions order by version`);
    expect(after.map((r) => [r.version, r.status])).toEqual([
      ["0.9", "retired"],
      ["1.0", "published"],
      ["1.1", "draft"],
    ]);
    for (const r of after) expect(r.answer_requirements).toEqual(DEFAULT_ANSWER_REQUIREMENTS);
    // The guard is back on, and now covers the requirements too.
    await refusedWith(sql`update framework_versions set answer_requirements = '{}'::jsonb where version = '1.0'`, /is published: it can only be retired/);
    await refusedWith(sql`update framework_versions set answer_requirements = '{}'::jsonb where version = '0.9'`, /is retired and cannot be changed/);
    await refusedWith(sql`update framework_versions set title = 'x' where version = '1.0'`, /can only be retired/);
    // Retiring stays allowed; a draft's requirements stay editable; none may be missing.
    await handle.db.execute(sql`update framework_versions set status = 'retired', retired_at = now() where version = '1.0'`);
    await handle.db.execute(
      sql`update framework_versions set answer_requirements = jsonb_set(answer_requirements, '{planned,evidence}', 'true') where version = '1.1'`,
    );
    await refusedWith(sql`update framework_versions set answer_requirements = null where version = '1.1'`, /null value in column "answer_requirements"/);
  });
});
