import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, sql } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { migrateDatabase } from "@/db/migrate";
import type { DbHandle } from "@/db/client";
import type { AppConfig } from "@/lib/config";
import { openDatabaseAtMigration } from "../helpers/old-database";
import { resetLeafCache, signCheckpoint } from "@/lib/transparency/log";
import { setLogSignerForProcess } from "@/lib/transparency/keys";
import { generateSignerKey, parseSignerKey } from "@/lib/transparency/note";
import { verifyLog } from "@/lib/transparency/verify";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
const signer = parseSignerKey(generateSignerKey("test.ringfence.example/log"));
let handle: DbHandle;
let database: AppConfig["database"];
let dispose: () => Promise<void> = async () => {};

beforeAll(async () => {
  resetLeafCache();
  setLogSignerForProcess(signer);
  // The schema as it was before the transparency log (0000–0008).
  ({ handle, database, dispose } = await openDatabaseAtMigration(8, "rf_legacy"));
}, 120_000);

afterAll(async () => {
  setLogSignerForProcess(undefined);
  resetLeafCache();
  await dispose();
});

describe("upgrading a database whose audit trail predates the log", () => {
  it("appends the old rows once, in order, without names or e-mail addresses, and the log verifies", async () => {
    // As the old code wrote them (id, at, actor, action, target, details).
    const u = "11111111-1111-4111-8111-111111111111";
    await handle.db.execute(sql`insert into audit_events (at, actor_user_id, action, target_type, target_id, details) values
      ('2026-01-02T03:04:05Z', ${u}, 'user.invited', 'user', ${u}, '{"email":"ann@example.org","role":"gov_observer"}'),
      ('2026-01-03T03:04:05Z', ${u}, 'user.updated', 'user', ${u}, '{"before":{"name":"Ann Old","role":"gov_observer"},"after":{"name":"Ann New","role":"gov_observer"}}'),
      ('2026-01-04T03:04:05Z', null, 'attestation.withdrawn', 'attestation', 'a1', '{"reason":"duplicate","byName":"Ann New","contact":"ann@example.org"}')`);
    await migrateDatabase(handle, database);
    const rows = await handle.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => [r.seq, r.action])).toEqual([
      [0, "user.invited"],
      [1, "user.updated"],
      [2, "attestation.withdrawn"],
    ]);
    expect(rows[0]!.details).toEqual({ role: "gov_observer", legacy: { id: 1, at: "2026-01-02T03:04:05.000Z" } });
    expect(rows[1]!.details).toEqual({ before: { role: "gov_observer" }, after: { role: "gov_observer" }, legacy: { id: 2, at: "2026-01-03T03:04:05.000Z" } });
    expect(rows[2]!.details).toMatchObject({ reason: "duplicate", contact: "[address removed]" });
    const all = rows.map((r) => r.body).join("\n");
    expect(all).not.toMatch(/ann@example\.org|Ann New|Ann Old/);
    // The old table is gone, and a second run changes nothing.
    const [gone] = (await handle.db
      .execute(sql`select to_regclass('public.audit_events_legacy') is null as gone`)
      .then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { gone: boolean }[];
    expect(gone!.gone).toBe(true);
    await migrateDatabase(handle, database);
    expect(await handle.db.select({ seq: auditEvents.seq }).from(auditEvents)).toHaveLength(3);
    await signCheckpoint(handle.db);
    const result = await verifyLog(handle.db, signer);
    expect(result.firstBad).toBeNull();
    expect(result.events).toBe(3);
  });
});
