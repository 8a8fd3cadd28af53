import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { auditEvents, userSessions } from "@/db/schema";
import { authorizeCredentials } from "@/lib/auth/credentials";
import {
  createSession,
  endSession,
  getLiveSession,
  getSessionPrincipal,
  LAST_SEEN_RESOLUTION_SECONDS,
  revokeSession,
  SESSION_MAX_AGE_SECONDS,
} from "@/lib/auth/sessions";
import { endAllSessions } from "@/lib/identity/passwords";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

const signIn = (email: string, clientAddress = "192.0.2.10") =>
  authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress, userAgent: "Mozilla/5.0 (X11; Linux x86_64) Test/1.0" });

describe(`server-side sessions (${process.env.TEST_DB_DRIVER})`, () => {
  it("opens a session row on sign-in, in the sign-in's transaction, and names it in the claims", async () => {
    const before = Date.now();
    const claims = await signIn("officer@aegis.example");
    const [row] = await t.db.select().from(userSessions).where(eq(userSessions.id, claims.sid));
    expect(row).toMatchObject({ userId: claims.id, revokedAt: null, clientAddress: "192.0.2.10", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Test/1.0" });
    const lifetime = row!.expiresAt.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(SESSION_MAX_AGE_SECONDS * 1000 - 1000);
    expect(lifetime).toBeLessThanOrEqual(SESSION_MAX_AGE_SECONDS * 1000 + 60_000);
    const audit = await t.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.signed_in"), eq(auditEvents.actorUserId, claims.id)));
    expect(audit.some((a) => (a.details as { session?: string }).session === claims.sid)).toBe(true);
  });

  it("accepts a live session and refuses a revoked one (sign-out), with an auth.signed_out audit row", async () => {
    const claims = await signIn("contributor@aegis.example");
    expect(await getSessionPrincipal(t.db, claims.id, claims.sid)).toMatchObject({ userId: claims.id, role: "vendor_contributor", active: true });
    expect(await endSession(t.db, { userId: claims.id, organisationId: claims.org }, claims.sid)).toBe(true);
    expect(await getSessionPrincipal(t.db, claims.id, claims.sid)).toBeNull();
    expect(await getLiveSession(t.db, claims.sid)).toBeNull();
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.signed_out"), eq(auditEvents.targetId, claims.sid)));
    expect(audit).toHaveLength(1);
    // A second sign-out of the same session changes nothing and audits nothing.
    expect(await endSession(t.db, { userId: claims.id, organisationId: claims.org }, claims.sid)).toBe(false);
    expect(
      await t.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "auth.signed_out"), eq(auditEvents.targetId, claims.sid))),
    ).toHaveLength(1);
  });

  it("refuses a missing, malformed, expired or someone else's session id", async () => {
    const claims = await signIn("officer@bastion.example");
    const other = await signIn("officer@cobalt.example");
    expect(await getSessionPrincipal(t.db, claims.id, "00000000-0000-4000-8000-000000000000")).toBeNull();
    expect(await getSessionPrincipal(t.db, claims.id, "not-a-uuid")).toBeNull();
    expect(await getSessionPrincipal(t.db, claims.id, other.sid)).toBeNull();
    expect(await revokeSession(t.db, claims.id, other.sid)).toBe(false);
    const old = await createSession(t.db, { userId: claims.id }, new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000 - 1000));
    expect(await getSessionPrincipal(t.db, claims.id, old.id)).toBeNull();
    expect(await getSessionPrincipal(t.db, claims.id, claims.sid)).not.toBeNull();
  });

  it("touches lastSeenAt at most once a minute", async () => {
    const claims = await signIn("reviewer@contoso.example");
    const seen = async () => (await t.db.select({ at: userSessions.lastSeenAt }).from(userSessions).where(eq(userSessions.id, claims.sid)))[0]!.at.getTime();
    const first = await seen();
    await getSessionPrincipal(t.db, claims.id, claims.sid, new Date(first + 30_000));
    expect(await seen()).toBe(first);
    const later = new Date(first + LAST_SEEN_RESOLUTION_SECONDS * 1000 + 1000);
    await getSessionPrincipal(t.db, claims.id, claims.sid, later);
    expect(await seen()).toBe(later.getTime());
  });

  it("'sign out everywhere' revokes every session row of that person", async () => {
    const a = await signIn("auditor@ncra.example", "192.0.2.20");
    const b = await signIn("auditor@ncra.example", "192.0.2.21");
    const bystander = await signIn("admin@ringfence.example");
    await endAllSessions(t.db, a.id);
    expect(await getLiveSession(t.db, a.sid)).toBeNull();
    expect(await getLiveSession(t.db, b.sid)).toBeNull();
    expect(await getLiveSession(t.db, bystander.sid)).not.toBeNull();
  });
});
