import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { auditEvents, authFactors, mfaPolicy, notifications, userSessions } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  listFactors,
  markFactorGiven,
  removeFactor,
  replaceRecoveryCodes,
  stepUpDue,
  STEP_UP_SECONDS,
  unusedRecoveryCodes,
  useRecoveryCode,
  verifyTotp,
} from "@/lib/auth/factors";
import { getMfaPolicy, resetFactorsFor, setMfaPolicy } from "@/lib/auth/factor-admin";
import { getSessionPrincipal } from "@/lib/auth/sessions";
import { getPrincipalById } from "@/lib/identity/queries";
import type { Actor } from "@/lib/auth/actor";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

const signIn = (email: string) => authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "192.0.2.77", userAgent: "Test/1.0" });
const stageOf = async (claims: { id: string; sid: string }) => (await getSessionPrincipal(t.db, claims.id, claims.sid))?.stage;
const codeAt = (secret: string, at: Date) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
async function actorFor(email: string): Promise<Actor> {
  const claims = await signIn(email);
  const p = await getPrincipalById(t.db, claims.id);
  const { active: _a, sessionVersion: _s, ...actor } = p!;
  return actor;
}

describe(`second factors (${process.env.TEST_DB_DRIVER})`, () => {
  it("the migration requires a factor for administrators, reviewers, auditors and vendor officers; the demo seed relaxes it", async () => {
    // The demo seed made every role optional (and logged it); the migration's defaults are checked on a fresh policy below.
    expect(Object.values(await getMfaPolicy(t.db)).every((v) => v === false)).toBe(true);
    const logged = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "security.mfa_policy_changed"));
    expect(logged.length).toBeGreaterThanOrEqual(1);
  });

  it("a session opened while the role requires a factor can do nothing until one is enrolled, then asks for it at every sign-in", async () => {
    const admin = await actorFor("admin@ringfence.example");
    expect((await setMfaPolicy(t.db, admin, ["vendor_officer", "admin", "platform_reviewer", "gov_auditor"])).ok).toBe(true);
    try {
      const first = await signIn("officer@bastion.example");
      expect(await stageOf(first)).toBe("enrol");
      const enrolment = await beginTotpEnrolment(t.db, first.id, "officer@bastion.example");
      if (enrolment === "already_enrolled") throw new Error("unexpected");
      expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Ringfence:officer%40bastion\.example\?/);
      expect(enrolment.qrSvg).toMatch(/^<svg/);
      // The secret is stored sealed, never in clear.
      const [stored] = await t.db.select().from(authFactors).where(eq(authFactors.id, enrolment.factorId));
      expect(stored!.totpSecret).not.toContain(enrolment.secret);
      expect(stored!.confirmedAt).toBeNull();
      const now = new Date();
      expect(await confirmTotpEnrolment(t.db, first.id, "000000", now)).toBe("wrong_code");
      expect(await confirmTotpEnrolment(t.db, first.id, await codeAt(enrolment.secret, now), now)).toBe("ok");
      await markFactorGiven(t.db, first.sid);
      expect(await stageOf(first)).toBe("ready");

      // Next sign-in: the factor is asked; a password alone gets a session that is not ready.
      const second = await signIn("officer@bastion.example");
      expect(await stageOf(second)).toBe("factor");
      expect(await getSessionPrincipal(t.db, second.id, second.sid)).toMatchObject({ stage: "factor", enrolled: true });
    } finally {
      expect((await setMfaPolicy(t.db, admin, [])).ok).toBe(true);
    }
    // With the policy off again, the enrolled person is still asked; someone without a factor is not.
    expect(await stageOf(await signIn("officer@bastion.example"))).toBe("factor");
    expect(await stageOf(await signIn("officer@cobalt.example"))).toBe("ready");
  });

  it("TOTP: codes from one step either side are accepted, none twice, none far off", async () => {
    const claims = await signIn("auditor2@ncra.example");
    const e = await beginTotpEnrolment(t.db, claims.id, "auditor2@ncra.example");
    if (e === "already_enrolled") throw new Error("unexpected");
    const t0 = new Date("2026-06-01T12:00:10Z");
    expect(await confirmTotpEnrolment(t.db, claims.id, await codeAt(e.secret, t0), t0)).toBe("ok");
    // The enrolment's code cannot be used again.
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, t0), t0)).toBe(false);
    const t1 = new Date(t0.getTime() + 30_000);
    // The next step's code, a step early (clock skew), passes once.
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, new Date(t1.getTime() + 30_000)), t1)).toBe(true);
    // The step in between is now older than the last accepted one: refused.
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, t1), t1)).toBe(false);
    const t2 = new Date(t0.getTime() + 10 * 60_000);
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, new Date(t2.getTime() - 5 * 60_000)), t2)).toBe(false);
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, t2), t2)).toBe(true);
    expect(await verifyTotp(t.db, claims.id, await codeAt(e.secret, t2), t2)).toBe(false);
    // Two concurrent checks with the same fresh code: exactly one passes.
    const t3 = new Date(t2.getTime() + 60_000);
    const code = await codeAt(e.secret, t3);
    const results = await Promise.all([verifyTotp(t.db, claims.id, code, t3), verifyTotp(t.db, claims.id, code, t3)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // A second authenticator cannot be started while one is confirmed.
    expect(await beginTotpEnrolment(t.db, claims.id, "x")).toBe("already_enrolled");
  });

  it("recovery codes: ten, stored as keyed hashes, each usable once, in any case and spacing", async () => {
    const claims = await signIn("observer@ncra.example");
    const codes = await replaceRecoveryCodes(t.db, claims.id);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    expect(await useRecoveryCode(t.db, claims.id, ` ${codes[0]!.toLowerCase().replace("-", " ")} `)).toBe(true);
    expect(await useRecoveryCode(t.db, claims.id, codes[0]!)).toBe(false);
    expect(await unusedRecoveryCodes(t.db, claims.id)).toBe(9);
    // Someone else's code is not mine.
    const other = await signIn("contributor@aegis.example");
    expect(await useRecoveryCode(t.db, other.id, codes[1]!)).toBe(false);
    // New codes replace the old ones.
    const fresh = await replaceRecoveryCodes(t.db, claims.id);
    expect(await useRecoveryCode(t.db, claims.id, codes[1]!)).toBe(false);
    expect(await useRecoveryCode(t.db, claims.id, fresh[1]!)).toBe(true);
  });

  it("step-up is due after 15 minutes, or when no factor was given", () => {
    const now = new Date();
    expect(stepUpDue(null, now)).toBe(true);
    expect(stepUpDue(new Date(now.getTime() - (STEP_UP_SECONDS - 5) * 1000), now)).toBe(false);
    expect(stepUpDue(new Date(now.getTime() - (STEP_UP_SECONDS + 5) * 1000), now)).toBe(true);
  });

  it("a person removes only their own factors; an administrator's reset removes all, ends sessions, tells them and is logged", async () => {
    const officer = await signIn("officer@bastion.example");
    const [factor] = await listFactors(t.db, officer.id);
    const other = await signIn("officer@cobalt.example");
    expect(await removeFactor(t.db, other.id, factor!.id)).toMatchObject({ removed: false });
    expect(await listFactors(t.db, officer.id)).toHaveLength(1);

    const admin = await actorFor("admin@ringfence.example");
    const officerActor = await actorFor("officer@cobalt.example");
    expect((await resetFactorsFor(t.db, officerActor, officer.id)).ok).toBe(false);
    expect((await setMfaPolicy(t.db, officerActor, ["admin"])).ok).toBe(false);
    const result = await resetFactorsFor(t.db, admin, officer.id);
    expect(result).toMatchObject({ ok: true, data: { removed: 1 } });
    expect(await listFactors(t.db, officer.id)).toHaveLength(0);
    const live = await t.db
      .select()
      .from(userSessions)
      .where(and(eq(userSessions.userId, officer.id)));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    expect(await getSessionPrincipal(t.db, officer.id, officer.sid)).toBeNull();
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, officer.id), eq(notifications.kind, "factors_reset")));
    expect(told).toHaveLength(1);
    const logged = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.factors_reset"), eq(auditEvents.targetId, officer.id)));
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0]!.details)).not.toMatch(/@/);
    // With no factor left and the policy off, the next sign-in is ready at once.
    expect(await stageOf(await signIn("officer@bastion.example"))).toBe("ready");
  });

  it("a missing policy row counts as required", async () => {
    await t.db.delete(mfaPolicy).where(eq(mfaPolicy.role, "gov_observer"));
    expect((await getMfaPolicy(t.db)).gov_observer).toBe(true);
    const claims = await signIn("observer@ncra.example");
    expect(await stageOf(claims)).toBe("enrol");
    await t.db.insert(mfaPolicy).values({ role: "gov_observer", required: false });
  });
});
