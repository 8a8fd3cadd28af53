import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { memberships, organisations, users, auditEvents, passwordTokens } from "@/db/schema";
import { createOrganisation, updateOrganisation } from "@/lib/identity/organisations";
import { createUser, setUserActive, updateUser } from "@/lib/identity/users";
import { changeOwnPassword, endAllSessions, findValidPasswordToken, setPasswordWithToken } from "@/lib/identity/passwords";
import { getPrincipalById, listUsers } from "@/lib/identity/queries";
import { seedDemo } from "@/db/seed/demo";
import { DEMO_USERS } from "@/db/seed/demo-identity";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
const system = { userId: null, organisationId: null };

beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t.dispose());

describe(`identity data access (${process.env.TEST_DB_DRIVER})`, () => {
  it("seeds demo data idempotently with argon2id hashes", async () => {
    await seedDemo(t.db);
    await seedDemo(t.db);
    const rows = await t.db.select({ email: users.email, hash: users.passwordHash }).from(users);
    expect(rows).toHaveLength(DEMO_USERS.length);
    for (const r of rows) expect(r.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("creates an organisation, refuses a duplicate name, and records who did it", async () => {
    const r = await createOrganisation(t.db, system, { name: "Echo Endpoint", kind: "vendor" });
    expect(r.ok).toBe(true);
    const dup = await createOrganisation(t.db, system, { name: "echo endpoint", kind: "vendor" });
    expect(dup).toMatchObject({ ok: false, fieldErrors: { name: [expect.stringContaining("already exists")] } });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "organisation.created"));
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it("refuses a role that does not fit the organisation, in the application and in the database", async () => {
    const [vendor] = await t.db.select().from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
    const r = await createUser(t.db, system, { name: "X", email: "x@example.com", organisationId: vendor!.id, role: "gov_auditor" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { role: [expect.stringContaining("does not fit")] } });
    const [someone] = await t.db.select().from(memberships).where(eq(memberships.organisationId, vendor!.id)).limit(1);
    await expect(t.db.update(memberships).set({ role: "platform_reviewer" }).where(eq(memberships.id, someone!.id))).rejects.toThrow();
  });

  it("refuses to change the kind of an organisation that has members", async () => {
    const [vendor] = await t.db.select().from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
    const r = await updateOrganisation(t.db, system, vendor!.id, { name: vendor!.name, kind: "platform" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { kind: [expect.any(String)] } });
    await expect(t.db.update(organisations).set({ kind: "platform" }).where(eq(organisations.id, vendor!.id))).rejects.toThrow();
  });

  it("invites a person with a one-time link that sets an argon2id password once", async () => {
    const [vendor] = await t.db.select().from(organisations).where(eq(organisations.slug, "bastion-sensor"));
    const r = await createUser(t.db, system, { name: "Ivy Invitee", email: "Ivy@Example.com", organisationId: vendor!.id, role: "vendor_contributor" });
    if (!r.ok) throw new Error("createUser failed");
    const tokens = await t.db.select().from(passwordTokens).where(eq(passwordTokens.userId, r.data.id));
    expect(tokens[0]!.tokenHash).not.toContain(r.data.token);
    expect(await findValidPasswordToken(t.db, r.data.token)).toMatchObject({ email: "ivy@example.com", purpose: "invite" });
    const set = await setPasswordWithToken(t.db, r.data.token, "a-long-and-unusual-passphrase");
    expect(set.ok).toBe(true);
    const again = await setPasswordWithToken(t.db, r.data.token, "another-long-passphrase");
    expect(again.ok).toBe(false);
    const [u] = await t.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, r.data.id));
    expect(u!.hash).toMatch(/^\$argon2id\$/);
  });

  it("ends sessions on role change, deactivation, password change and sign-out everywhere", async () => {
    const [u] = await t.db
      .select()
      .from(users)
      .where(eq(sql`lower(${users.email})`, "ivy@example.com"));
    const version = async () => (await getPrincipalById(t.db, u!.id))!.sessionVersion;
    const v0 = await version();
    const [org] = await t.db.select().from(organisations).where(eq(organisations.slug, "bastion-sensor"));
    await updateUser(t.db, system, { userId: u!.id, name: "Ivy Invitee", organisationId: org!.id, role: "vendor_contributor" });
    expect(await version()).toBe(v0); // nothing about access changed
    await updateUser(t.db, system, { userId: u!.id, name: "Ivy Invitee", organisationId: org!.id, role: "vendor_officer" });
    expect(await version()).toBe(v0 + 1);
    await setUserActive(t.db, system, u!.id, false);
    expect(await version()).toBe(v0 + 2);
    expect((await getPrincipalById(t.db, u!.id))!.active).toBe(false);
    await setUserActive(t.db, system, u!.id, true);
    const wrong = await changeOwnPassword(t.db, u!.id, "not-my-password", "brand-new-passphrase-77");
    expect(wrong).toMatchObject({ ok: false, fieldErrors: { current: [expect.any(String)] } });
    await changeOwnPassword(t.db, u!.id, "a-long-and-unusual-passphrase", "brand-new-passphrase-77");
    expect(await version()).toBe(v0 + 4);
    await endAllSessions(t.db, u!.id);
    expect(await version()).toBe(v0 + 5);
  });

  it("an administrator cannot deactivate or demote themselves", async () => {
    const admin = (await listUsers(t.db)).find((p) => p.role === "admin")!;
    const actor = { userId: admin.id, organisationId: admin.organisationId };
    expect((await setUserActive(t.db, actor, admin.id, false)).ok).toBe(false);
    const demote = await updateUser(t.db, actor, { userId: admin.id, name: admin.name, organisationId: admin.organisationId, role: "gov_observer" });
    expect(demote.ok).toBe(false);
  });
});
