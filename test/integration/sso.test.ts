import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { auditEvents, memberships, organisations, ssoProviders, userSessions, users } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { completeSsoSignIn } from "@/lib/auth/sso";
import { getConfig } from "@/lib/config";
import { unseal } from "@/lib/crypto/seal";
import { createOrganisation } from "@/lib/identity/organisations";
import { removeSsoProvider, saveSsoProvider, setPasswordSignIn } from "@/lib/identity/sso-providers";
import { setUserActive } from "@/lib/identity/users";
import { ssoProviderSchema, type SsoProviderInput } from "@/lib/validations/sso";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
const ADMIN = { userId: null, organisationId: null, role: "admin" };
let orgId = "";
let providerId = "";

const form = (over: Partial<SsoProviderInput> = {}): SsoProviderInput => ({
  organisationId: orgId,
  name: "Agency Login",
  issuer: "https://login.agency.example/realms/staff",
  clientId: "ringfence",
  clientSecret: "s3cret-value-for-tests",
  allowedDomains: "agency.example\nNCRA.example",
  defaultRole: "gov_observer",
  roleClaim: "groups",
  roleMapping: "auditors = Government auditor\nreaders = gov_observer",
  createUsers: true,
  enabled: true,
  ...over,
});

async function save(over: Partial<SsoProviderInput> = {}) {
  return saveSsoProvider(t.db, ADMIN, ssoProviderSchema.parse(form(over)));
}

const token = (email: string, extra: Record<string, unknown> = {}) => ({ sub: `sub-${email}`, email, email_verified: true, ...extra });
const context = { clientAddress: "198.51.100.7", userAgent: "Test/1.0" };
const signIn = (claims: Record<string, unknown>) => completeSsoSignIn(t.db, providerId, claims, context);
const failures = () =>
  t.db
    .select({ details: auditEvents.details, body: auditEvents.body, targetId: auditEvents.targetId })
    .from(auditEvents)
    .where(eq(auditEvents.action, "auth.sign_in_failed"));

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  const created = await createOrganisation(t.db, ADMIN, { name: "Agency for SSO Tests", kind: "government" });
  if (!created.ok) throw new Error("organisation not created");
  orgId = created.data.id;
});
afterAll(async () => t.dispose());

describe(`single sign-on (${process.env.TEST_DB_DRIVER})`, () => {
  it("registers a provider with the secret sealed, and never writes the secret to the log", async () => {
    const saved = await save();
    expect(saved.ok).toBe(true);
    providerId = saved.ok ? saved.data.id : "";
    const [row] = await t.db.select().from(ssoProviders).where(eq(ssoProviders.id, providerId));
    expect(row).toMatchObject({
      allowedDomains: ["agency.example", "ncra.example"],
      roleMap: { auditors: "gov_auditor", readers: "gov_observer" },
      roleClaim: "groups",
    });
    expect(row!.clientSecret).not.toContain("s3cret");
    expect(unseal(getConfig().authSecret, "sso-client-secret", row!.clientSecret)).toBe("s3cret-value-for-tests");
    // A blank secret on edit keeps the stored one.
    expect((await save({ clientSecret: "", name: "Agency Sign-in" })).ok).toBe(true);
    const [after] = await t.db.select({ secret: ssoProviders.clientSecret, name: ssoProviders.name }).from(ssoProviders).where(eq(ssoProviders.id, providerId));
    expect(after).toEqual({ secret: row!.clientSecret, name: "Agency Sign-in" });
    const events = await t.db
      .select({ action: auditEvents.action, body: auditEvents.body })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'sso.provider.%'`);
    expect(events.map((e) => e.action)).toEqual(["sso.provider.created", "sso.provider.updated"]);
    for (const e of events) expect(e.body).not.toContain("s3cret");
  });

  it("refuses roles that do not fit the organisation's kind, and a first registration without a secret", async () => {
    const bad = await save({ roleMapping: "vendors = vendor_officer", defaultRole: "admin" });
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(["defaultRole", "roleMapping"]);
    const other = await createOrganisation(t.db, ADMIN, { name: "Second SSO Agency", kind: "government" });
    const noSecret = await saveSsoProvider(t.db, ADMIN, ssoProviderSchema.parse(form({ organisationId: other.ok ? other.data.id : "", clientSecret: "" })));
    expect(noSecret.ok ? null : noSecret.fieldErrors?.clientSecret).toBeTruthy();
  });

  it("creates a person on first sign-in with the mapped role, and finds the same person the second time", async () => {
    const first = await signIn(token("New.Auditor@Agency.example", { groups: ["staff", "auditors"], name: "Nora New" }));
    expect(first).toMatchObject({ ok: true, created: true, claims: { role: "gov_auditor", org: orgId, sv: 1 } });
    if (!first.ok) return;
    const [m] = await t.db
      .select({ organisationId: memberships.organisationId, role: memberships.role, email: users.email, name: users.name })
      .from(users)
      .innerJoin(memberships, eq(memberships.userId, users.id))
      .where(eq(users.id, first.claims.id));
    expect(m).toEqual({ organisationId: orgId, role: "gov_auditor", email: "new.auditor@agency.example", name: "Nora New" });
    const [session] = await t.db
      .select({ method: userSessions.method, providerId: userSessions.providerId, clientAddress: userSessions.clientAddress })
      .from(userSessions)
      .where(eq(userSessions.id, first.claims.sid));
    expect(session).toEqual({ method: "sso", providerId, clientAddress: "198.51.100.7" });

    const second = await signIn(token("new.auditor@agency.example", { groups: ["readers"] }));
    expect(second).toMatchObject({ ok: true, created: false, claims: { id: first.claims.id, role: "gov_auditor" } });
    const [count] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(users)
      .where(eq(sql`lower(${users.email})`, "new.auditor@agency.example"));
    expect(count?.n).toBe(1);

    const created = await t.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.created_by_sso"), eq(auditEvents.targetId, first.claims.id)));
    expect(created.map((e) => e.details)).toEqual([{ provider: providerId, role: "gov_auditor", organisationId: orgId }]);
    const signedIn = await t.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.signed_in"), eq(auditEvents.actorUserId, first.claims.id)));
    expect(signedIn.map((e) => e.details)).toContainEqual({
      session: second.ok ? second.claims.sid : "",
      method: "sso",
      provider: providerId,
      knownDevice: false,
    });
  });

  it("gives the default role when no mapping line applies", async () => {
    expect(await signIn(token("plain@agency.example", { groups: "nobody" }))).toMatchObject({ ok: true, claims: { role: "gov_observer" } });
  });

  it("requires email_verified to be exactly true", async () => {
    for (const verified of [false, "true", 1, undefined]) {
      expect(await signIn(token("someone@agency.example", { email_verified: verified }))).toEqual({ ok: false, reason: "email_not_verified" });
    }
  });

  it("refuses addresses outside the allowed domains, including look-alike suffixes", async () => {
    for (const email of ["a@evil.example", "a@sub.agency.example", "a@agency.example.evil", "a@evilagency.example", "not-an-address"]) {
      expect(await signIn(token(email)), email).toEqual({ ok: false, reason: "domain_not_allowed" });
    }
  });

  it("refuses a person of another organisation with that address, and a deactivated person", async () => {
    expect(await signIn(token("auditor@ncra.example"))).toEqual({ ok: false, reason: "other_organisation" });
    const made = await signIn(token("leaver@agency.example"));
    if (!made.ok) throw new Error("not created");
    await setUserActive(t.db, ADMIN, made.claims.id, false);
    expect(await signIn(token("leaver@agency.example"))).toEqual({ ok: false, reason: "inactive_account" });
  });

  it("does not create people when the organisation does not allow it", async () => {
    expect((await save({ clientSecret: "", createUsers: false })).ok).toBe(true);
    expect(await signIn(token("unknown@agency.example"))).toEqual({ ok: false, reason: "unknown_account" });
    // An existing person still signs in.
    expect(await signIn(token("plain@agency.example"))).toMatchObject({ ok: true });
  });

  it("logs refusals by account id only, never by e-mail address", async () => {
    const rows = await failures();
    const reasons = rows.map((r) => (r.details as { reason: string }).reason);
    expect(new Set(reasons)).toEqual(new Set(["email_not_verified", "domain_not_allowed", "other_organisation", "inactive_account", "unknown_account"]));
    for (const r of rows) {
      expect(r.body).not.toMatch(/@|agency\.example\.evil|evil\.example|not-an-address/);
      expect(r.details).toMatchObject({ method: "sso", provider: providerId });
    }
    expect(rows.find((r) => (r.details as { reason: string }).reason === "other_organisation")?.targetId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses sign-in through a disabled provider at once", async () => {
    expect((await save({ clientSecret: "", enabled: false })).ok).toBe(true);
    expect(await signIn(token("plain@agency.example"))).toEqual({ ok: false, reason: "provider_disabled" });
    expect((await save({ clientSecret: "", enabled: true })).ok).toBe(true);
  });

  it("refuses password sign-in when the organisation's password sign-in is off, only once the password is right", async () => {
    const [ncra] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "ncra"));
    expect(await setPasswordSignIn(t.db, ADMIN, ncra!.id, false)).toMatchObject({ ok: false, code: "conflict" });
    expect(
      (await saveSsoProvider(t.db, ADMIN, ssoProviderSchema.parse(form({ organisationId: ncra!.id, allowedDomains: "ncra.example", roleMapping: "" })))).ok,
    ).toBe(true);
    expect(await setPasswordSignIn(t.db, ADMIN, ncra!.id, false)).toEqual({ ok: true, data: { allowed: false } });
    const code = async (password: string) =>
      authorizeCredentials({ email: "auditor2@ncra.example", password }, { clientAddress: "198.51.100.9" }).then(
        () => "ok",
        (e: { code?: string }) => e.code,
      );
    expect(await code("wrong-password")).toBe("invalid");
    expect(await code(DEMO_PASSWORD)).toBe("sso_only");
    const changed = await t.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.action, "organisation.password_sign_in_changed"));
    expect(changed.map((c) => c.details)).toEqual([{ before: true, after: false }]);
    // Removing the provider brings password sign-in back.
    expect((await removeSsoProvider(t.db, ADMIN, ncra!.id)).ok).toBe(true);
    expect(await code(DEMO_PASSWORD)).toBe("ok");
  });
});
