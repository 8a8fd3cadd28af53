import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { THROTTLE_MAX_FAILURES, THROTTLE_WINDOW_SECONDS, recordFailure, secondsUntilAllowed, throttleKeys } from "@/lib/auth/throttle";
import { setUserActive } from "@/lib/identity/users";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe(`sign-in (${process.env.TEST_DB_DRIVER})`, () => {
  it("accepts the right password and returns the session claims", async () => {
    const claims = await authorizeCredentials({ email: "Officer@Aegis.example", password: DEMO_PASSWORD }, { clientAddress: "10.0.0.1" });
    expect(claims).toMatchObject({ role: "vendor_officer", sv: 1 });
  });

  it("gives one answer for a wrong password, an unknown email and a deactivated account", async () => {
    expect(await codeOf(authorizeCredentials({ email: "reviewer@contoso.example", password: "wrong-password" }, { clientAddress: "10.0.0.2" }))).toBe(
      "invalid",
    );
    expect(await codeOf(authorizeCredentials({ email: "ghost@example.com", password: "wrong-password" }, { clientAddress: "10.0.0.3" }))).toBe("invalid");
    const p = await getPrincipalForSignIn(t.db, "observer@ncra.example");
    await setUserActive(t.db, { userId: null, organisationId: null }, p!.userId, false);
    expect(await codeOf(authorizeCredentials({ email: "observer@ncra.example", password: DEMO_PASSWORD }, { clientAddress: "10.0.0.4" }))).toBe("invalid");
  });

  it("throttles the sixth failure for an account, even with the right password, and says how long to wait", async () => {
    const email = "auditor@ncra.example";
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(await codeOf(authorizeCredentials({ email, password: `nope-${i}` }, { clientAddress: `10.1.0.${i}` }))).toBe("invalid");
    }
    const code = await codeOf(authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "10.1.0.99" }));
    expect(code).toMatch(/^throttled_\d+$/);
    const seconds = Number(String(code).split("_")[1]);
    expect(seconds).toBeGreaterThan(0);
    expect(seconds).toBeLessThanOrEqual(THROTTLE_WINDOW_SECONDS);
  });

  it("throttles one client address across accounts", async () => {
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      await codeOf(authorizeCredentials({ email: `someone-${i}@example.com`, password: "nope" }, { clientAddress: "10.2.0.1" }));
    }
    expect(await codeOf(authorizeCredentials({ email: "admin@ringfence.example", password: DEMO_PASSWORD }, { clientAddress: "10.2.0.1" }))).toMatch(
      /^throttled_/,
    );
    expect(await codeOf(authorizeCredentials({ email: "admin@ringfence.example", password: DEMO_PASSWORD }, { clientAddress: "10.2.0.2" }))).toBe("ok");
  });

  it("never locks for longer than one window, and attempts during a lock do not extend it", async () => {
    const keys = throttleKeys("lock@example.com", null);
    const t0 = new Date("2026-01-01T00:00:00Z");
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) await recordFailure(t.db, keys, new Date(t0.getTime() + i * 1000));
    expect(await secondsUntilAllowed(t.db, keys, new Date(t0.getTime() + 5000))).toBe(THROTTLE_WINDOW_SECONDS - 5);
    expect(await secondsUntilAllowed(t.db, keys, new Date(t0.getTime() + THROTTLE_WINDOW_SECONDS * 1000))).toBe(0);
    // A new window starts from scratch.
    await recordFailure(t.db, keys, new Date(t0.getTime() + 61_000));
    expect(await secondsUntilAllowed(t.db, keys, new Date(t0.getTime() + 62_000))).toBe(0);
  });
});
