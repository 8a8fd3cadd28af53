import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { openDatabase, type Db } from "@/db/client";
import { seedDemoIdentity } from "@/db/seed/demo-identity";
import { emailOutbox, users } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { createSmtpMailer, type Mailer } from "@/lib/notifications/mailer";
import { notify } from "@/lib/notifications/notify";
import { MAX_ATTEMPTS } from "@/lib/notifications/retry";
import { claimDue, runOnce } from "@/lib/notifications/worker";
import { startSmtpServer } from "../helpers/smtp";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
let people: { id: string; email: string }[];
const servers: { close: () => Promise<void> }[] = [];
const mailers: Mailer[] = [];

beforeAll(async () => {
  t = await openTestDb();
  await seedDemoIdentity(t.db);
  people = await t.db.select({ id: users.id, email: users.email }).from(users);
});
afterEach(async () => {
  mailers.splice(0).forEach((m) => m.close());
  await Promise.all(servers.splice(0).map((s) => s.close()));
  // Each test starts with an empty outbox.
  await t.db.delete(emailOutbox).where(sql`true`);
});
afterAll(async () => t.dispose());

const PUBLIC_URL = "https://ringfence.example.org";
async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
  const server = await startSmtpServer(options);
  servers.push(server);
  return server;
}
function mailerFor(port: number, credentials = "") {
  const m = createSmtpMailer({ smtpUrl: `smtp://${credentials}127.0.0.1:${port}`, from: "Ringfence <ringfence@example.org>", publicUrl: PUBLIC_URL });
  mailers.push(m);
  return m;
}
const person = (email: string) => people.find((p) => p.email === email)!.id;
const outbox = () => t.db.select().from(emailOutbox).orderBy(emailOutbox.createdAt);
/** As if the wait had passed: every waiting message becomes due now. */
const makeDue = () =>
  t.db
    .update(emailOutbox)
    .set({ nextAttemptAt: sql`now() - interval '1 second'` })
    .where(eq(emailOutbox.status, "pending"));
const secondsUntil = (d: Date) => (d.getTime() - Date.now()) / 1000;

describe(`email worker against a real SMTP server (${process.env.TEST_DB_DRIVER})`, () => {
  it("delivers a notification's email to the right person, with its subject, link and a Message-ID from the outbox id", async () => {
    const server = await smtp();
    await notify(t.db, [person("auditor@ncra.example")], {
      kind: "panel_assigned",
      title: "You are on a review panel",
      body: "Aegis Sensor, attestation 2026 H1.",
      link: "/review/abc",
    });
    const result = await runOnce({ db: t.db, mailer: mailerFor(server.port) });
    expect(result).toMatchObject({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(server.received).toHaveLength(1);
    const [mail] = server.received;
    const [row] = await outbox();
    expect(mail!.to).toEqual(["auditor@ncra.example"]);
    expect(mail!.from).toBe("ringfence@example.org");
    expect(mail!.subject).toBe("Ringfence: You are on a review panel");
    expect(mail!.messageId).toBe(`<${row!.id}@ringfence.example.org>`);
    expect(mail!.autoSubmitted).toBe("auto-generated");
    expect(mail!.body).toContain("Aegis Sensor, attestation 2026 H1.");
    expect(mail!.body).toContain(`Open it in Ringfence: ${getConfig().mail.publicUrl}/review/abc`);
    expect(row).toMatchObject({ status: "sent", attempts: 1, lastError: null, claimedUntil: null });
    expect(row!.sentAt).not.toBeNull();
    // Nothing is sent twice.
    expect((await runOnce({ db: t.db, mailer: mailerFor(server.port) })).claimed).toBe(0);
    expect(server.received).toHaveLength(1);
  });

  it("keeps a message the server refuses (RCPT) waiting, with the error and a 30 s backoff, and sends it on the next try", async () => {
    let refuse = true;
    const server = await smtp({ rejectRecipient: () => refuse });
    await notify(t.db, [person("officer@aegis.example")], { kind: "changes_requested", title: "Changes requested", body: "", link: "/vendor/attestations" });
    const first = await runOnce({ db: t.db, mailer: mailerFor(server.port) });
    expect(first).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 1, sentAt: null, claimedUntil: null });
    expect(row!.lastError).toMatch(/450/);
    expect(secondsUntil(row!.nextAttemptAt)).toBeGreaterThan(20);
    expect(secondsUntil(row!.nextAttemptAt)).toBeLessThanOrEqual(31);
    // Not due yet: nothing is tried.
    expect((await runOnce({ db: t.db, mailer: mailerFor(server.port) })).claimed).toBe(0);
    refuse = false;
    await makeDue();
    expect(await runOnce({ db: t.db, mailer: mailerFor(server.port) })).toMatchObject({ claimed: 1, sent: 1 });
    [row] = await outbox();
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
    expect(server.received.map((m) => m.to)).toEqual([["officer@aegis.example"]]);
  });

  it("keeps a message waiting when no server answers, then sends it once one does; the second wait is longer", async () => {
    const gone = await startSmtpServer();
    await gone.close();
    await notify(t.db, [person("reviewer@contoso.example")], { kind: "decision", title: "Decision published", body: "", link: "/reports" });
    await runOnce({ db: t.db, mailer: mailerFor(gone.port) });
    let [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row!.lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    await makeDue();
    await runOnce({ db: t.db, mailer: mailerFor(gone.port) });
    [row] = await outbox();
    expect(row).toMatchObject({ status: "pending", attempts: 2 });
    expect(secondsUntil(row!.nextAttemptAt)).toBeGreaterThan(50);
    const server = await smtp();
    await makeDue();
    await runOnce({ db: t.db, mailer: mailerFor(server.port) });
    [row] = await outbox();
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
    expect(server.received).toHaveLength(1);
  });

  it(`marks a message failed after ${MAX_ATTEMPTS} attempts, and never stores or logs the SMTP password`, async () => {
    const server = await smtp({ auth: { user: "ringfence", pass: "right-password" } });
    await notify(t.db, [person("observer@ncra.example")], { kind: "decision", title: "Report published", body: "", link: "/reports" });
    const logged: string[] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void logged.push(args.join(" "));
    try {
      for (let i = 1; i <= MAX_ATTEMPTS; i++) {
        await makeDue();
        const r = await runOnce({ db: t.db, mailer: mailerFor(server.port, "ringfence:Wr0ng%2Fpassw0rd@") });
        expect(r).toMatchObject(i < MAX_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
      }
    } finally {
      console.log = original;
    }
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, sentAt: null });
    expect(row!.lastError).toMatch(/535|auth/i);
    for (const text of [row!.lastError!, ...logged]) {
      expect(text).not.toMatch(/Wr0ng/);
      expect(text).not.toContain(Buffer.from("Wr0ng/passw0rd").toString("base64"));
    }
    expect(logged.some((l) => l.includes(`email ${row!.id}: attempt ${MAX_ATTEMPTS} failed`))).toBe(true);
    // A failed message is never tried again.
    await makeDue();
    expect((await runOnce({ db: t.db, mailer: mailerFor(server.port, "ringfence:right-password@") })).claimed).toBe(0);
    expect(server.received).toHaveLength(0);
  });

  it("sends again a message whose claim ran out (a worker stopped mid-send), with the same Message-ID", async () => {
    const server = await smtp();
    await notify(t.db, [person("admin@ringfence.example")], { kind: "decision", title: "Stuck", body: "", link: "/" });
    // A worker claimed it, then its process ended before it recorded anything.
    await t.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, claimedUntil: sql`now() - interval '1 second'` })
      .where(eq(emailOutbox.subject, "Ringfence: Stuck"));
    expect(await runOnce({ db: t.db, mailer: mailerFor(server.port) })).toMatchObject({ claimed: 1, sent: 1 });
    const [row] = await outbox();
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(server.received[0]!.messageId).toBe(`<${row!.id}@ringfence.example.org>`);
    // A claim that still stands is left alone.
    await notify(t.db, [person("admin@ringfence.example")], { kind: "decision", title: "Claimed", body: "", link: "/" });
    await t.db
      .update(emailOutbox)
      .set({ status: "sending", attempts: 1, claimedUntil: sql`now() + interval '5 minutes'` })
      .where(eq(emailOutbox.subject, "Ringfence: Claimed"));
    expect((await runOnce({ db: t.db, mailer: mailerFor(server.port) })).claimed).toBe(0);
  });

  it("two workers running at once never send the same message twice", async () => {
    const server = await smtp();
    const everyone = people.map((p) => p.id);
    for (let i = 0; i < 5; i++) await notify(t.db, everyone, { kind: "decision", title: `Batch ${i}`, body: "", link: "/" });
    const total = (await outbox()).length;
    expect(total).toBe(5 * people.length);
    // On PostgreSQL the second worker has its own connection pool, as a second instance would.
    const second = t.kind === "postgres" ? await openDatabase(t.database) : null;
    const slow = (m: Mailer): Mailer => ({ ...m, send: async (mail) => (await new Promise((r) => setTimeout(r, 5)), m.send(mail)) });
    const worker = async (db: Db, mailer: Mailer) => {
      let sent = 0;
      for (;;) {
        const r = await runOnce({ db, mailer, batchSize: 3 });
        sent += r.sent;
        if (r.claimed === 0) return sent;
      }
    };
    try {
      const counts = await Promise.all([worker(t.db, slow(mailerFor(server.port))), worker(second?.db ?? t.db, slow(mailerFor(server.port)))]);
      expect(counts[0] + counts[1]).toBe(total);
      // Both took part.
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[1]).toBeGreaterThan(0);
    } finally {
      await second?.close();
    }
    const ids = server.received.map((m) => m.messageId);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    const rows = await t.db
      .select({ status: emailOutbox.status, attempts: emailOutbox.attempts })
      .from(emailOutbox)
      .where(inArray(emailOutbox.status, ["sent"]));
    expect(rows).toHaveLength(total);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it("claims that run at the same moment never share a row", async () => {
    for (let i = 0; i < 5; i++)
      await notify(
        t.db,
        people.map((p) => p.id),
        { kind: "decision", title: `Race ${i}`, body: "", link: "/" },
      );
    const total = (await outbox()).length;
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimDue(t.db, 4)));
    const ids = claims.flat().map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(Math.min(total, 12 * 4));
    expect(claims.flat().every((r) => r.attempts === 1)).toBe(true);
  });
});
