import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "@/db/client";
import { checkHealth } from "@/lib/server/health";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t.dispose());

describe(`health (${process.env.TEST_DB_DRIVER})`, () => {
  it("reports ok with the database kind when the database answers", async () => {
    const h = await checkHealth(async () => t, "1.2.3", t.kind);
    expect(h).toMatchObject({ status: "ok", version: "1.2.3", database: { kind: t.kind, ok: true } });
  });

  it("reports unavailable when the database does not answer", async () => {
    const unreachable = () => openDatabase({ kind: "postgres", url: "postgres://nobody@127.0.0.1:1/none", poolMax: 1 });
    const h = await checkHealth(unreachable, "1.2.3", "postgres", 4000);
    expect(h).toMatchObject({ status: "unavailable", database: { kind: "postgres", ok: false } });
  });
});
