import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@/db/seed/demo-identity";
import { authorizeCredentials } from "@/lib/auth/credentials";
import { clientAddress } from "@/lib/auth/client-address";
import { newDeviceId, signKnownDevice, verifyKnownDevice } from "@/lib/auth/known-device";
import { THROTTLE_MAX_FAILURES } from "@/lib/auth/throttle";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
const SECRET = "integration-test-secret-of-at-least-32-characters";

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

/** A request as the portal sees it with no proxy in front: the client's own headers, and the socket's address. */
const direct = (spoofedForwardedFor: string | null, socket: string) => clientAddress(spoofedForwardedFor, socket, 0);

const deviceFor = async (email: string) => {
  const p = await getPrincipalForSignIn(t.db, email);
  return verifyKnownDevice(SECRET, signKnownDevice(SECRET, p!.userId, newDeviceId()))!;
};

describe(`sign-in throttling by real client address and known devices (${process.env.TEST_DB_DRIVER})`, () => {
  it("five failures sent with a spoofed X-Forwarded-For lock the sender's own address, not the address it named", async () => {
    const attacker = "203.0.113.66";
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      const address = direct(`127.0.0.1`, attacker);
      expect(address).toBe(attacker);
      expect(await codeOf(authorizeCredentials({ email: `spray-${i}@example.com`, password: "guess" }, { clientAddress: address }))).toBe("invalid");
    }
    // The sprayer is throttled whatever it claims to be...
    expect(
      await codeOf(authorizeCredentials({ email: "spray-x@example.com", password: "guess" }, { clientAddress: direct("198.51.100.1", attacker) })),
    ).toMatch(/^throttled_/);
    // ...and the person really at 127.0.0.1 signs in.
    expect(await codeOf(authorizeCredentials({ email: "officer@aegis.example", password: DEMO_PASSWORD }, { clientAddress: direct(null, "127.0.0.1") }))).toBe(
      "ok",
    );
  });

  it("a known device signs in while its account is locked for everyone else", async () => {
    const email = "reviewer@contoso.example";
    const device = await deviceFor(email);
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      await codeOf(authorizeCredentials({ email, password: `wrong-${i}` }, { clientAddress: `203.0.113.${10 + i}` }));
    }
    // Locked: a client without the cookie is refused even with the right password, from a fresh address.
    expect(await codeOf(authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "198.51.100.20" }))).toMatch(/^throttled_/);
    // A cookie issued to another account does not help.
    const strangersDevice = await deviceFor("officer@bastion.example");
    expect(await codeOf(authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "198.51.100.21", device: strangersDevice }))).toMatch(
      /^throttled_/,
    );
    // The owner's device gets in.
    const claims = await authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "198.51.100.22", device });
    expect(claims.role).toBe("platform_reviewer");
    // ...without lifting the lock for everyone else.
    expect(await codeOf(authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "198.51.100.23" }))).toMatch(/^throttled_/);
  });

  it("a known device's own failures lock that device, so it cannot be used to guess", async () => {
    const email = "auditor@ncra.example";
    const device = await deviceFor(email);
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++) {
      expect(await codeOf(authorizeCredentials({ email, password: `wrong-${i}` }, { clientAddress: `198.51.100.${40 + i}`, device }))).toBe("invalid");
    }
    expect(await codeOf(authorizeCredentials({ email, password: DEMO_PASSWORD }, { clientAddress: "198.51.100.50", device }))).toMatch(/^throttled_/);
    // The per-address lock still applies to a known device.
    const admin = await deviceFor("admin@ringfence.example");
    for (let i = 0; i < THROTTLE_MAX_FAILURES; i++)
      await codeOf(authorizeCredentials({ email: `nobody-${i}@example.com`, password: "x" }, { clientAddress: "198.51.100.60" }));
    expect(
      await codeOf(authorizeCredentials({ email: "admin@ringfence.example", password: DEMO_PASSWORD }, { clientAddress: "198.51.100.60", device: admin })),
    ).toMatch(/^throttled_/);
  });
});
