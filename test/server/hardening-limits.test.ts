// Issue 12, hardening, over real HTTP against `next start` on PostgreSQL: API tokens with an
// expiry, rate limits on API tokens (per token and per organisation), evidence uploads (per
// person and per organisation) and password setting, and password links that are stored
// hashed, expire and work once. The database is shared with the test so it can expire a token.
import crypto from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, passwordTokens, rateLimits, users } from "@/db/schema";
import { formatDateTime } from "@/lib/format";
import { callAction } from "./helpers/actions";
import { postgresServer, seededPostgres } from "./helpers/database";
import { startProdServer, type ProdServer } from "./helpers/prod-server";
import { signIn } from "./helpers/session";

const LIMITS = "api.token=4/60,api.organisation=6/60,upload.user=3/600,upload.organisation=5/600,password-set.address=20/900,password-set.link=3/900";

describe.skipIf(!postgresServer())("rate limits, token expiry and password links over HTTP", () => {
  let server: ProdServer;
  let pg: Awaited<ReturnType<typeof seededPostgres>>;
  let officer: string;
  beforeAll(async () => {
    pg = await seededPostgres();
    server = await startProdServer({ DATABASE_URL: pg.url, RATE_LIMITS: LIMITS });
    officer = await signIn(server.origin, "officer@aegis.example");
  });
  afterAll(async () => {
    await server?.stop();
    await pg?.dispose();
  });

  const own = () => ({ origin: server.origin });
  const createToken = async (name: string, lifetimeDays?: string) => {
    const res = await callAction(
      server.origin,
      "createApiTokenAction",
      [{ name, scopes: ["rollouts:read", "rollouts:write"], ...(lifetimeDays ? { lifetimeDays } : {}) }],
      { cookie: officer, ...own() },
    );
    expect(res.result?.ok, res.text).toBe(true);
    return res.result!.data as { token: string; prefix: string; expiresAt: string };
  };
  const list = (token: string) => fetch(`${server.origin}/api/v1/rollouts?limit=1`, { headers: { authorization: `Bearer ${token}` } });

  it("creates tokens with the expiry chosen (default 90 days), stores only their hash, and lists the expiry", async () => {
    const before = Date.now();
    const short = await createToken("short-lived", "30");
    const usual = await createToken("usual");
    const days = (iso: string) => Math.round((Date.parse(iso) - before) / 86_400_000);
    expect(days(short.expiresAt)).toBe(30);
    expect(days(usual.expiresAt)).toBe(90);
    const refused = await callAction(server.origin, "createApiTokenAction", [{ name: "forever", scopes: ["rollouts:read"], lifetimeDays: "10000" }], {
      cookie: officer,
      ...own(),
    });
    expect(refused.result).toMatchObject({ ok: false, code: "invalid" });

    const rows = await pg.handle.db
      .select({ hash: apiTokens.tokenHash, expiresAt: apiTokens.expiresAt })
      .from(apiTokens)
      .where(eq(apiTokens.prefix, short.prefix));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.hash).toBe(crypto.createHash("sha256").update(short.token).digest("hex"));
    expect(rows[0]!.expiresAt.toISOString()).toBe(short.expiresAt);
    const page = await (await fetch(`${server.origin}/vendor/rollouts/tokens`, { headers: { cookie: officer } })).text();
    expect(page).toContain("Expires");
    // No time-zone cookie on this request: the page shows UTC and names it.
    expect(page).toContain(formatDateTime(short.expiresAt, "UTC"));
  });

  it("refuses an expired token with 401 and says so", async () => {
    const { token, prefix } = await createToken("expiring");
    expect((await list(token)).status).toBe(200);
    await pg.handle.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(apiTokens.prefix, prefix));
    const res = await list(token);
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^This API token expired at .*create a new one/);
    const page = await (await fetch(`${server.origin}/vendor/rollouts/tokens`, { headers: { cookie: officer } })).text();
    expect(page).toMatch(/Expired/);
  });

  it("limits each token, and all of an organisation's tokens together, with 429, Retry-After and a clear message", async () => {
    const a = await createToken("rate-a");
    const b = await createToken("rate-b");
    const c = await createToken("rate-c");
    await pg.handle.db.delete(rateLimits).where(sql`true`); // this test counts from zero
    for (let i = 0; i < 4; i++) expect((await list(a.token)).status).toBe(200);
    const overToken = await list(a.token);
    expect(overToken.status).toBe(429);
    expect(Number(overToken.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(overToken.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(((await overToken.json()) as { detail: string }).detail).toMatch(
      /^The API accepts 4 requests a minute with one token\. Try again in \d+ seconds?\.$/,
    );
    // More tokens do not add up to more requests: b and c share the organisation's 6 a minute with a
    // (a's refused request was not charged to the organisation).
    expect((await list(b.token)).status).toBe(200);
    expect((await list(c.token)).status).toBe(200);
    const overOrganisation = await list(b.token);
    expect(overOrganisation.status).toBe(429);
    expect(((await overOrganisation.json()) as { detail: string }).detail).toMatch(
      /^The API accepts 6 requests a minute with all of your organisation's tokens together\. Try again/,
    );
    // Another organisation is not affected.
    const bastion = await signIn(server.origin, "officer@bastion.example");
    const other = await callAction(server.origin, "createApiTokenAction", [{ name: "other-org", scopes: ["rollouts:read"] }], { cookie: bastion, ...own() });
    expect((await list((other.result!.data as { token: string }).token)).status).toBe(200);
  });

  it("limits evidence uploads per person and per organisation, before reading the body", async () => {
    const contributor = await signIn(server.origin, "contributor@aegis.example");
    await pg.handle.db.delete(rateLimits).where(sql`true`);
    const upload = (cookie: string, i: number) =>
      fetch(
        `${server.origin}/api/evidence/upload?${new URLSearchParams({ title: `Rate ${i}`, kind: "document", fileName: `rate-${i}-${crypto.randomUUID()}.txt` })}`,
        {
          method: "POST",
          headers: { cookie, "content-type": "text/plain", origin: server.origin },
          body: `evidence ${i} ${crypto.randomUUID()}\n`,
        },
      );
    for (let i = 0; i < 3; i++) expect((await upload(officer, i)).status).toBe(201);
    const person = await upload(officer, 3);
    expect(person.status).toBe(429);
    expect(person.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(person.headers.get("connection")).toBe("close");
    expect(((await person.json()) as { detail: string }).detail).toMatch(
      /^The portal accepts 3 uploads in 10 minutes from each person\. Try again in \d+ (seconds?|minutes)\.$/,
    );
    // The contributor may still upload, until the organisation's 5 are used up.
    expect((await upload(contributor, 4)).status).toBe(201);
    expect((await upload(contributor, 5)).status).toBe(201);
    const organisation = await upload(contributor, 6);
    expect(organisation.status).toBe(429);
    expect(((await organisation.json()) as { detail: string }).detail).toContain("all of an organisation's people together");
  });

  it("stores password links hashed; a link works once, and not after it expires", async () => {
    const admin = await signIn(server.origin, "admin@ringfence.example");
    const [person] = await pg.handle.db.select({ id: users.id }).from(users).where(eq(users.email, "auditor2@ncra.example"));
    const link = await callAction(server.origin, "createPasswordLinkAction", [{ userId: person!.id }], { cookie: admin, ...own() });
    const token = (link.result!.data as { token: string }).token;
    const [row] = await pg.handle.db
      .select({ hash: passwordTokens.tokenHash, expiresAt: passwordTokens.expiresAt })
      .from(passwordTokens)
      .where(eq(passwordTokens.userId, person!.id));
    expect(row!.hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(row!.expiresAt.getTime() - Date.now()).toBeGreaterThan(71 * 3600_000);

    expect(await (await fetch(`${server.origin}/set-password/${token}`)).text()).toContain("Choose a new password");
    const password = "a-fresh-and-unusual-passphrase";
    const set = await callAction(server.origin, "setPasswordAction", [{ token, password, confirm: password }], own());
    expect(set.result?.ok).toBe(true);
    const again = await callAction(server.origin, "setPasswordAction", [{ token, password, confirm: password }], own());
    expect(again.result).toMatchObject({ ok: false, code: "not_found" });
    expect(await (await fetch(`${server.origin}/set-password/${token}`)).text()).toContain("This link cannot be used");

    const late = await callAction(server.origin, "createPasswordLinkAction", [{ userId: person!.id }], { cookie: admin, ...own() });
    const lateToken = (late.result!.data as { token: string }).token;
    await pg.handle.db
      .update(passwordTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(passwordTokens.tokenHash, crypto.createHash("sha256").update(lateToken).digest("hex")));
    expect(await (await fetch(`${server.origin}/set-password/${lateToken}`)).text()).toContain("This link cannot be used");
    const expired = await callAction(server.origin, "setPasswordAction", [{ token: lateToken, password, confirm: password }], own());
    expect(expired.result).toMatchObject({ ok: false, code: "not_found" });
  });

  it("limits attempts to set a password, with a form error that says when to try again", async () => {
    const token = crypto.randomBytes(32).toString("base64url");
    const password = "a-fresh-and-unusual-passphrase";
    // Three attempts with this link are allowed (password-set.link=3/900); the fourth is refused.
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push((await callAction(server.origin, "setPasswordAction", [{ token, password, confirm: password }], own())).result);
    expect(answers.slice(0, 3).every((r) => r?.code === "not_found")).toBe(true);
    expect(answers[3]).toMatchObject({
      ok: false,
      code: "throttled",
      formError: expect.stringMatching(/^Too many attempts to set a password\. Try again in \d+ minutes\.$/),
    });
  });
});
