import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { migrateDatabase } from "@/db/migrate";
import type { DbHandle } from "@/db/client";
import type { AppConfig } from "@/lib/config";
import { openDatabaseAtMigration } from "../helpers/old-database";
import { DEFAULT_ANSWER_REQUIREMENTS } from "@/lib/catalog/answer-requirements";

let handle: DbHandle;
let database: AppConfig["database"];
let dispose: () => Promise<void> = async () => {};

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

// The schema as it was before versions carried answer requirements (0000–0010).
beforeAll(async () => {
  ({ handle, database, dispose } = await openDatabaseAtMigration(10, "rf_req"));
}, 120_000);

afterAll(async () => {
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
