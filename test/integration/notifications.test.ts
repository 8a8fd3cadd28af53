import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { seedDemoIdentity } from "@/db/seed/demo-identity";
import { seedDemoNotifications } from "@/db/seed/notifications";
import { emailOutbox, notifications, users } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { notify, type Message } from "@/lib/notifications/notify";
import {
  countUnread,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  NOTIFICATIONS_PAGE_SIZE,
  openNotification,
} from "@/lib/notifications/queries";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
const id: Record<string, string> = {};

beforeAll(async () => {
  t = await openTestDb();
  await seedDemoIdentity(t.db);
  for (const u of await t.db.select({ id: users.id, email: users.email }).from(users))
    id[u.email.split("@")[0]! + "@" + u.email.split("@")[1]!.split(".")[0]!] = u.id;
});
afterAll(async () => t.dispose());

const officer = () => id["officer@aegis"]!;
const contributor = () => id["contributor@aegis"]!;
const auditor = () => id["auditor@ncra"]!;
const message = (title: string, link = "/review"): Message => ({ kind: "clarification_asked", title, body: `About ${title}.`, link });
const rowsOf = (userId: string) => t.db.select().from(notifications).where(eq(notifications.userId, userId));

describe(`notifications (${process.env.TEST_DB_DRIVER})`, () => {
  it("writes one notification and one email per active person, in the caller's transaction", async () => {
    const [deactivated] = await t.db.insert(users).values({ email: "gone@ncra.example", name: "Gone", active: false }).returning({ id: users.id });
    await t.db.transaction(async (tx) => notify(tx, [officer(), officer(), contributor(), deactivated!.id], message("Question on SDP-3", "/review/abc")));
    const made = await t.db.select().from(notifications).where(eq(notifications.title, "Question on SDP-3"));
    expect(made.map((n) => n.userId).sort()).toEqual([officer(), contributor()].sort());
    const mails = await t.db
      .select()
      .from(emailOutbox)
      .where(
        inArray(
          emailOutbox.notificationId,
          made.map((n) => n.id),
        ),
      );
    expect(mails).toHaveLength(2);
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["contributor@aegis.example", "officer@aegis.example"]);
    for (const m of mails) {
      expect(m).toMatchObject({ status: "pending", attempts: 0, subject: "Ringfence: Question on SDP-3", sentAt: null });
      expect(m.text).toContain(`Open it in Ringfence: ${getConfig().mail.publicUrl}/review/abc\n`);
    }
  });

  it("writes nothing when the transaction rolls back, and refuses a link that leaves the portal", async () => {
    await expect(
      t.db.transaction(async (tx) => {
        await notify(tx, [auditor()], message("Rolled back"));
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    for (const link of ["//evil.example/x", "https://evil.example/", "review"]) {
      await expect(notify(t.db, [auditor()], message("Bad link", link))).rejects.toThrow(/portal path/);
    }
    expect(
      await t.db
        .select()
        .from(notifications)
        .where(inArray(notifications.title, ["Rolled back", "Bad link"])),
    ).toHaveLength(0);
  });

  it("counts, marks read and marks all read only the person's own notifications", async () => {
    await notify(t.db, [officer(), contributor()], message("Decision signed"));
    const before = { officer: await countUnread(t.db, officer()), contributor: await countUnread(t.db, contributor()) };
    expect(before.officer).toBeGreaterThanOrEqual(2);
    const [theirs] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, contributor()), eq(notifications.title, "Decision signed")));
    // Someone else's id is not found and nothing changes; so is an id that does not exist or is malformed.
    expect(await markNotificationRead(t.db, officer(), theirs!.id)).toBe(false);
    expect(await markNotificationRead(t.db, officer(), "00000000-0000-4000-8000-000000000000")).toBe(false);
    expect(await markNotificationRead(t.db, officer(), "not-an-id")).toBe(false);
    expect(await countUnread(t.db, contributor())).toBe(before.contributor);
    expect(await openNotification(t.db, officer(), theirs!.id)).toBeNull();
    expect((await rowsOf(contributor())).find((n) => n.id === theirs!.id)!.readAt).toBeNull();

    const [mine] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, officer()), eq(notifications.title, "Decision signed")));
    expect(await markNotificationRead(t.db, officer(), mine!.id)).toBe(true);
    const readAt = (await rowsOf(officer())).find((n) => n.id === mine!.id)!.readAt;
    expect(readAt).not.toBeNull();
    // Marking again keeps the first time it was read.
    expect(await markNotificationRead(t.db, officer(), mine!.id)).toBe(true);
    expect((await rowsOf(officer())).find((n) => n.id === mine!.id)!.readAt).toEqual(readAt);
    expect(await countUnread(t.db, officer())).toBe(before.officer - 1);

    expect(await markAllNotificationsRead(t.db, officer())).toBe(before.officer - 1);
    expect(await countUnread(t.db, officer())).toBe(0);
    expect(await countUnread(t.db, contributor())).toBe(before.contributor);
    expect(await markAllNotificationsRead(t.db, officer())).toBe(0);
  });

  it("opens a notification: marks it read and follows only a portal path", async () => {
    await notify(t.db, [auditor()], message("Panel assigned", "/review/panels/1?tab=members"));
    const [n] = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, auditor()), eq(notifications.title, "Panel assigned")));
    // A navigation from another site follows the link but marks nothing read.
    expect(await openNotification(t.db, auditor(), n!.id, false)).toEqual({ target: "/review/panels/1?tab=members" });
    expect((await rowsOf(auditor())).find((r) => r.id === n!.id)!.readAt).toBeNull();
    expect(await openNotification(t.db, auditor(), n!.id)).toEqual({ target: "/review/panels/1?tab=members" });
    expect((await rowsOf(auditor())).find((r) => r.id === n!.id)!.readAt).not.toBeNull();
    // A stored link that is not a portal path (written around notify) is never followed or shown.
    for (const link of ["//evil.example", "/\\evil.example", "https://evil.example", null]) {
      const [bad] = await t.db
        .insert(notifications)
        .values({ userId: auditor(), kind: "decision", title: `Odd link ${link}`, link })
        .returning({ id: notifications.id });
      expect(await openNotification(t.db, auditor(), bad!.id)).toEqual({ target: "/notifications" });
    }
    const listed = await listNotifications(t.db, auditor(), 1);
    expect(listed.rows.filter((r) => r.title.startsWith("Odd link")).every((r) => r.link === null)).toBe(true);
  });

  it("lists newest first, 25 to a page, with totals of the person's own notifications only", async () => {
    const [person] = await t.db.insert(users).values({ email: "pager@ncra.example", name: "Pager" }).returning({ id: users.id });
    const empty = await listNotifications(t.db, person!.id, 1);
    expect(empty).toMatchObject({ rows: [], total: 0, unread: 0, page: 1, pageCount: 1 });
    const base = Date.UTC(2026, 0, 1);
    await t.db.insert(notifications).values(
      Array.from({ length: 30 }, (_, i) => ({
        userId: person!.id,
        kind: "decision",
        title: `N${i}`,
        link: "/",
        createdAt: new Date(base + i * 60_000),
        readAt: i < 5 ? new Date() : null,
      })),
    );
    const first = await listNotifications(t.db, person!.id, 1);
    expect(first).toMatchObject({ total: 30, unread: 25, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.rows[0]!.title).toBe("N29");
    expect(first.rows.at(-1)!.title).toBe("N5");
    const second = await listNotifications(t.db, person!.id, 2);
    expect(second.rows.map((r) => r.title)).toEqual(["N4", "N3", "N2", "N1", "N0"]);
    expect(second.rows.every((r) => r.readAt !== null)).toBe(true);
    // Past the end: the last page.
    expect((await listNotifications(t.db, person!.id, 99)).page).toBe(2);
  });

  it("seeds three demo notifications per demo person, once", async () => {
    await t.db.delete(notifications).where(sql`true`);
    const emails = (await t.db.select({ id: emailOutbox.id }).from(emailOutbox)).length;
    const first = await seedDemoNotifications(t.db);
    expect(first).toBe(
      3 *
        (
          await t.db
            .select({ id: users.id })
            .from(users)
            .where(sql`${users.email} like '%.example' and ${users.email} not in ('gone@ncra.example', 'pager@ncra.example')`)
        ).length,
    );
    expect(await seedDemoNotifications(t.db)).toBe(0);
    const mine = await listNotifications(t.db, auditor(), 1);
    expect(mine.rows.map((r) => r.link)).toEqual(["/catalog", "/account", "/review"]);
    // Demo notifications queue no email.
    expect(await t.db.select({ id: emailOutbox.id }).from(emailOutbox)).toHaveLength(emails);
  });
});
