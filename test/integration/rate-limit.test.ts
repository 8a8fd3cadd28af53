import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { apiTokens, rateLimits } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { GET as list } from "@/app/api/v1/rollouts/route";
import { getConfig } from "@/lib/config";
import { forgetOldWindows, resetRateLimits, takeRateLimits } from "@/lib/http/rate-limit";
import { createApiToken, findActiveToken } from "@/lib/rollouts/tokens";
import { openTestDb } from "./test-db";
import { apiRequest, orgAndProduct } from "./rollouts-helpers";

let t: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t.dispose());
beforeEach(async () => resetRateLimits(t.db));

const at = (iso: string) => new Date(iso);

describe(`rate limits in the database (${process.env.TEST_DB_DRIVER})`, () => {
  it("counts fixed windows: refuses past the limit until the window ends, then starts again", async () => {
    const { max, windowSeconds } = getConfig().rateLimits["password-set.link"];
    const check = [{ limit: "password-set.link" as const, subject: "window" }];
    for (let i = 0; i < max; i++) expect(await takeRateLimits(t.db, check, at("2030-01-01T00:00:00Z"))).toBeNull();
    const refused = await takeRateLimits(t.db, check, at("2030-01-01T00:01:00Z"));
    expect(refused).toMatchObject({ limit: "password-set.link", retryAfterSeconds: windowSeconds - 60 });
    // Refused attempts do not push the window on.
    expect(await takeRateLimits(t.db, check, at(new Date(Date.parse("2030-01-01T00:00:00Z") + windowSeconds * 1000 - 1000).toISOString()))).toMatchObject({
      retryAfterSeconds: 1,
    });
    expect(await takeRateLimits(t.db, check, at(new Date(Date.parse("2030-01-01T00:00:00Z") + windowSeconds * 1000).toISOString()))).toBeNull();
    const [row] = await t.db.select().from(rateLimits).where(eq(rateLimits.key, "password-set.link:window"));
    expect(row!.hits).toBe(1);
  });

  it("lets exactly the limit through when many requests arrive at once", async () => {
    const { max } = getConfig().rateLimits["password-set.address"];
    const now = at("2030-02-01T00:00:00Z");
    const results = await Promise.all(Array.from({ length: max + 15 }, () => takeRateLimits(t.db, [{ limit: "password-set.address", subject: "burst" }], now)));
    expect(results.filter((r) => r === null)).toHaveLength(max);
  });

  it("reports the counter that refused, with the longest wait", async () => {
    const { max } = getConfig().rateLimits["password-set.link"];
    const now = at("2030-03-01T00:00:00Z");
    for (let i = 0; i < max; i++) await takeRateLimits(t.db, [{ limit: "password-set.link", subject: "L" }], now);
    const refused = await takeRateLimits(
      t.db,
      [
        { limit: "password-set.address", subject: "A" },
        { limit: "password-set.link", subject: "L" },
      ],
      now,
    );
    expect(refused?.limit).toBe("password-set.link");
  });

  it("forgets windows that ended long ago", async () => {
    await takeRateLimits(t.db, [{ limit: "api.token", subject: "old" }], at("2020-01-01T00:00:00Z"));
    await takeRateLimits(t.db, [{ limit: "api.token", subject: "new" }], at("2030-01-01T00:00:00Z"));
    await forgetOldWindows(t.db, at("2030-01-01T00:00:30Z"));
    expect((await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key)).toEqual(["api.token:new"]);
  });
});

describe(`API tokens: expiry and the per-organisation limit (${process.env.TEST_DB_DRIVER})`, () => {
  let aegis: { organisationId: string; productId: string };
  beforeAll(async () => {
    await seedDemo(t.db);
    aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  });

  it("stores an expiry chosen at creation and refuses the token after it with 401 and a clear message", async () => {
    const created = await createApiToken(
      t.db,
      { userId: null, organisationId: aegis.organisationId },
      { name: "short", scopes: ["rollouts:read"], lifetimeDays: 30 },
      at("2030-01-01T00:00:00Z"),
    );
    expect(created.expiresAt.toISOString()).toBe("2030-01-31T00:00:00.000Z");
    const [row] = await t.db.select({ hash: apiTokens.tokenHash, expiresAt: apiTokens.expiresAt }).from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.hash).not.toContain(created.token.slice(3));
    expect(await findActiveToken(t.db, created.token, at("2030-01-30T23:59:59Z"))).toMatchObject({ status: "active" });
    expect(await findActiveToken(t.db, created.token, at("2030-01-31T00:00:00Z"))).toEqual({ status: "expired", expiresAt: row!.expiresAt });

    const lived = await createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: "default", scopes: ["rollouts:read"] });
    expect(Math.round((lived.expiresAt.getTime() - Date.now()) / 86_400_000)).toBe(90);
    await t.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, lived.id));
    const res = await list(apiRequest("/api/v1/rollouts?limit=1", { token: lived.token }));
    expect(res.status).toBe(401);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/^This API token expired at \d{4}-\d\d-\d\dT.*create a new one/);
  });

  it("counts every token of an organisation against one organisation limit", async () => {
    const { max } = getConfig().rateLimits["api.organisation"];
    const tokens = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        createApiToken(t.db, { userId: null, organisationId: aegis.organisationId }, { name: `many-${i}`, scopes: ["rollouts:read"] }),
      ),
    );
    // The organisation's window, full, as if its other tokens had made the requests.
    await t.db.insert(rateLimits).values({ key: `api.organisation:${aegis.organisationId}`, windowStartedAt: new Date(), hits: max });
    for (const { token } of tokens) {
      const res = await list(apiRequest("/api/v1/rollouts?limit=1", { token }));
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await res.json()) as { detail: string }).detail).toContain("all of your organisation's tokens together");
    }
  });
});
