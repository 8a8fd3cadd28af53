import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { auditEvents, emailOutbox, notifications, userSessions, users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import type { KnownDevice } from "@/lib/auth/known-device";
import { endOtherSessions, endOwnSession, endSessionsForPerson, listLiveSessions } from "@/lib/auth/session-list";
import { countLiveSessions, createSession, getLiveSession, SESSION_MAX_AGE_SECONDS } from "@/lib/auth/sessions";
import { changeOwnPassword } from "@/lib/identity/passwords";
import { setUserActive, updateUser } from "@/lib/identity/users";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

const WINDOWS_CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36";
const IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

const signIn = (email: string, clientAddress: string, userAgent = WINDOWS_CHROME, device: KnownDevice | null = null) =>
  authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress, userAgent, device });

const ended = (sessionId: string) =>
  t.db
    .select({ details: auditEvents.details, actor: auditEvents.actorUserId })
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "auth.session_ended"), eq(auditEvents.targetId, sessionId)));

const noticesOf = (userId: string, kind: string) =>
  t.db
    .select({ id: notifications.id, title: notifications.title, body: notifications.body, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));

const actorOf = (claims: { id: string; org: string }) => ({ userId: claims.id, organisationId: claims.org });

describe(`sessions people can see and end (${process.env.TEST_DB_DRIVER})`, () => {
  it("lists only the person's live sessions, the current one first and marked, with a readable device", async () => {
    const a = await signIn("officer@aegis.example", "192.0.2.31", WINDOWS_CHROME);
    const b = await signIn("officer@aegis.example", "192.0.2.32", IPHONE_SAFARI);
    const gone = await signIn("officer@aegis.example", "192.0.2.33");
    await endOwnSession(t.db, actorOf(gone), gone.sid);
    await createSession(t.db, { userId: a.id }, new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000));
    const someoneElse = await signIn("contributor@aegis.example", "192.0.2.34");

    const list = await listLiveSessions(t.db, a.id, b.sid);
    expect(list.map((s) => s.id).sort()).toEqual([a.sid, b.sid].sort());
    expect(list[0]).toMatchObject({ id: b.sid, current: true, device: "Safari on iOS", clientAddress: "192.0.2.32", method: "password" });
    expect(list[1]).toMatchObject({ id: a.sid, current: false, device: "Chrome on Windows", clientAddress: "192.0.2.31" });
    expect(list.some((s) => s.id === someoneElse.sid)).toBe(false);
    expect(Object.keys(list[0]!).sort()).toEqual(["clientAddress", "createdAt", "current", "device", "id", "lastSeenAt", "method"]);
  });

  it("ends the caller's own session, audited as by self; someone else's session id is refused and changes nothing", async () => {
    const mine = await signIn("officer@bastion.example", "192.0.2.41");
    const mine2 = await signIn("officer@bastion.example", "192.0.2.42");
    const theirs = await signIn("officer@cobalt.example", "192.0.2.43");

    expect(await endOwnSession(t.db, actorOf(mine), theirs.sid)).toBe(false);
    expect(await getLiveSession(t.db, theirs.sid)).not.toBeNull();
    expect(await ended(theirs.sid)).toHaveLength(0);
    expect(await endOwnSession(t.db, actorOf(mine), "not-a-uuid")).toBe(false);
    expect(await endOwnSession(t.db, actorOf(mine), "00000000-0000-4000-8000-000000000000")).toBe(false);

    expect(await endOwnSession(t.db, actorOf(mine), mine2.sid)).toBe(true);
    expect(await getLiveSession(t.db, mine2.sid)).toBeNull();
    expect(await getLiveSession(t.db, mine.sid)).not.toBeNull();
    const audit = await ended(mine2.sid);
    expect(audit).toEqual([{ details: { by: "self" }, actor: mine.id }]);
    // Ending it again changes nothing and audits nothing.
    expect(await endOwnSession(t.db, actorOf(mine), mine2.sid)).toBe(false);
    expect(await ended(mine2.sid)).toHaveLength(1);
  });

  it("'end all other sessions' keeps the current one and touches nobody else", async () => {
    const here = await signIn("reviewer@contoso.example", "192.0.2.51");
    const other1 = await signIn("reviewer@contoso.example", "192.0.2.52");
    const other2 = await signIn("reviewer@contoso.example", "192.0.2.53");
    const bystander = await signIn("observer@ncra.example", "192.0.2.54");
    expect(await endOtherSessions(t.db, actorOf(here), here.sid)).toBe(2);
    expect(await getLiveSession(t.db, here.sid)).not.toBeNull();
    expect(await getLiveSession(t.db, other1.sid)).toBeNull();
    expect(await getLiveSession(t.db, other2.sid)).toBeNull();
    expect(await getLiveSession(t.db, bystander.sid)).not.toBeNull();
    expect(await ended(other1.sid)).toHaveLength(1);
    expect(await ended(other2.sid)).toHaveLength(1);
    expect(await endOtherSessions(t.db, actorOf(here), here.sid)).toBe(0);
  });

  it("an administrator ends all of a person's sessions: audited as by admin, the person told in-app and by e-mail", async () => {
    const admin = await signIn("admin@ringfence.example", "192.0.2.61");
    const s1 = await signIn("auditor@ncra.example", "192.0.2.62");
    const s2 = await signIn("auditor@ncra.example", "192.0.2.63");
    expect(await countLiveSessions(t.db, s1.id)).toBe(2);

    const result = await endSessionsForPerson(t.db, { userId: admin.id, organisationId: admin.org, role: "admin" }, s1.id);
    expect(result).toEqual({ ok: true, data: { ended: 2 } });
    expect(await countLiveSessions(t.db, s1.id)).toBe(0);
    expect(await getLiveSession(t.db, admin.sid)).not.toBeNull();
    for (const sid of [s1.sid, s2.sid]) expect(await ended(sid)).toEqual([{ details: { by: "admin", user: s1.id }, actor: admin.id }]);

    const told = await noticesOf(s1.id, "sessions_ended");
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ title: "An administrator ended your sessions", link: "/account/sessions" });
    const mail = await t.db
      .select({ to: emailOutbox.toAddress, subject: emailOutbox.subject })
      .from(emailOutbox)
      .where(eq(emailOutbox.notificationId, told[0]!.id));
    expect(mail).toEqual([{ to: "auditor@ncra.example", subject: "Ringfence: An administrator ended your sessions" }]);

    // Nothing left to end: nothing audited, nobody told again.
    expect(await endSessionsForPerson(t.db, { userId: admin.id, organisationId: admin.org, role: "admin" }, s1.id)).toEqual({ ok: true, data: { ended: 0 } });
    expect(await noticesOf(s1.id, "sessions_ended")).toHaveLength(1);
    expect(await endSessionsForPerson(t.db, { userId: admin.id, organisationId: admin.org }, "00000000-0000-4000-8000-000000000000")).toMatchObject({
      ok: false,
      code: "not_found",
    });
  });

  it("notifies a sign-in from a new browser, but not the account's first sign-in ever nor one from a known device", async () => {
    const [person] = await t.db.select({ id: users.id }).from(users).where(eq(users.email, "auditor2@ncra.example"));
    expect(await t.db.select().from(userSessions).where(eq(userSessions.userId, person!.id))).toHaveLength(0);

    const first = await signIn("auditor2@ncra.example", "192.0.2.71");
    expect(await noticesOf(first.id, "new_sign_in")).toHaveLength(0);

    await signIn("auditor2@ncra.example", "198.51.100.7", IPHONE_SAFARI);
    const notices = await noticesOf(first.id, "new_sign_in");
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: "New sign-in to your account", link: "/account/sessions" });
    expect(notices[0]!.body).toMatch(/^Safari on iOS, from 198\.51\.100\.7, on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\./);
    const mail = await t.db
      .select({ to: emailOutbox.toAddress, text: emailOutbox.text })
      .from(emailOutbox)
      .where(
        inArray(
          emailOutbox.notificationId,
          notices.map((n) => n.id),
        ),
      );
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to).toBe("auditor2@ncra.example");
    expect(mail[0]!.text).toContain("/account/sessions");

    const known: KnownDevice = { userId: first.id, deviceId: "AAAAAAAAAAAAAAAAAAAAAA", expiresAt: new Date(Date.now() + 60_000) };
    await signIn("auditor2@ncra.example", "192.0.2.71", WINDOWS_CHROME, known);
    expect(await noticesOf(first.id, "new_sign_in")).toHaveLength(1);

    // A device cookie of another account does not make this browser known to this one.
    await signIn("auditor2@ncra.example", "192.0.2.72", WINDOWS_CHROME, { ...known, userId: "00000000-0000-4000-8000-000000000000" });
    expect(await noticesOf(first.id, "new_sign_in")).toHaveLength(2);
  });

  it("a password change, a new role and deactivation end the session rows too, so the list shows only sessions that still work", async () => {
    const admin = { userId: null, organisationId: null, role: "admin" };
    const pw = await signIn("officer@cobalt.example", "192.0.2.81");
    expect((await changeOwnPassword(t.db, pw.id, DEMO_PASSWORD, "a-new-and-long-passphrase-81")).ok).toBe(true);
    expect(await listLiveSessions(t.db, pw.id, null)).toEqual([]);

    const role = await signIn("contributor@aegis.example", "192.0.2.82");
    const [me] = await t.db.select({ name: users.name }).from(users).where(eq(users.id, role.id));
    expect((await updateUser(t.db, admin, { userId: role.id, name: me!.name, organisationId: role.org, role: "vendor_officer" })).ok).toBe(true);
    expect(await listLiveSessions(t.db, role.id, null)).toEqual([]);

    const off = await signIn("observer@ncra.example", "192.0.2.83");
    expect((await setUserActive(t.db, admin, off.id, false)).ok).toBe(true);
    expect(await listLiveSessions(t.db, off.id, null)).toEqual([]);
  });
});
