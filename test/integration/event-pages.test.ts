import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, gte } from "drizzle-orm";
import { auditEvents } from "@/db/schema";
import { appendEvent } from "@/lib/transparency/log";
import { eventPages } from "@/lib/transparency/event-pages";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb();
  for (let i = 0; i < 25; i++) {
    await t.db.transaction((tx) =>
      appendEvent(tx, {
        actor: { userId: null, organisationId: null, role: i % 2 ? "admin" : null },
        clientAddress: i % 3 ? "192.0.2.7" : null,
        action: "test.paged",
        target: { type: "test", id: String(i) },
        details: { i, nested: { list: [i, "x"] } },
      }),
    );
  }
}, 120_000);
afterAll(async () => t?.dispose());

async function collect(from: number, size: number) {
  const pages: number[] = [];
  const rows = [];
  for await (const page of eventPages(t.db, from, size)) {
    pages.push(page.length);
    rows.push(...page);
  }
  return { pages, rows };
}

describe(`eventPages reads the log in pages, ahead of its caller (${process.env.TEST_DB_DRIVER})`, () => {
  it("gives the rows drizzle's select() gives, in order, page by page, ending after the first short page", async () => {
    const all = await t.db.select().from(auditEvents).orderBy(asc(auditEvents.seq));
    const n = all.length;
    const { pages, rows } = await collect(0, 10);
    expect(rows).toEqual(all);
    expect(pages).toEqual([...Array(Math.floor(n / 10)).fill(10), n % 10]);
    const from = n - 7;
    expect((await collect(from, 5)).rows).toEqual(await t.db.select().from(auditEvents).where(gte(auditEvents.seq, from)).orderBy(asc(auditEvents.seq)));
  });
});
