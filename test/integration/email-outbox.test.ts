import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inArray } from "drizzle-orm";
import { seedDemoIdentity } from "@/db/seed/demo-identity";
import { emailOutbox, users } from "@/db/schema";
import { notify, type Message } from "@/lib/notifications/notify";
import { listOutbox } from "@/lib/notifications/outbox";
import { runOnce } from "@/lib/notifications/worker";
import { outboxFilterSchema } from "@/lib/validations/notifications";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDb();
  await seedDemoIdentity(t.db);
  for (const u of await t.db.select({ id: users.id, email: users.email }).from(users)) id[u.email] = u.id;
});
afterAll(async () => t.dispose());

const auditor = () => id["auditor@ncra.example"]!;
const contributor = () => id["contributor@aegis.example"]!;
const message = (title: string): Message => ({ kind: "decision", title, body: `About ${title}.`, link: "/reports" });

describe(`email outbox without SMTP (${process.env.TEST_DB_DRIVER})`, () => {
  it("without SMTP holds every due email, and administrators find them in the outbox, newest first", async () => {
    await notify(t.db, [auditor(), contributor()], message("Held one"));
    await notify(t.db, [auditor()], message("Held two"));
    const result = await runOnce({ db: t.db, mailer: null });
    expect(result.held).toBeGreaterThanOrEqual(3);
    expect(
      await t.db
        .select()
        .from(emailOutbox)
        .where(inArray(emailOutbox.status, ["pending", "sending"])),
    ).toHaveLength(0);
    const held = await listOutbox(t.db, outboxFilterSchema.parse({ status: "held" }));
    expect(held.total).toBe(result.held);
    expect(held.rows.every((r) => r.status === "held" && r.attempts === 0 && r.sentAt === null)).toBe(true);
    expect(held.rows[0]).toMatchObject({ subject: "Ringfence: Held two", toAddress: "auditor@ncra.example" });
    expect(held.rows[0]!.text).toContain("Held two");
    expect((await listOutbox(t.db, outboxFilterSchema.parse({ status: "sent" }))).total).toBe(0);
    // An unknown status shows every status; a page past the end shows the last page.
    expect((await listOutbox(t.db, outboxFilterSchema.parse({ status: "bogus" }))).total).toBe(result.held);
    expect((await listOutbox(t.db, outboxFilterSchema.parse({ page: "40" }))).page).toBe(1);
    // A second run finds nothing left to hold.
    expect((await runOnce({ db: t.db, mailer: null })).held).toBe(0);
  });
});
