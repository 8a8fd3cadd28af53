import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { clientAddress } from "@/lib/auth/client-address";
import { cookieValue, KNOWN_DEVICE_MAX_AGE_SECONDS, newDeviceId, signKnownDevice, verifyKnownDevice } from "@/lib/auth/known-device";
import { PEER_ADDRESS_HEADER, peerAddressFrom } from "@/lib/http/peer-address";

describe("client address", () => {
  it("with 0 trusted hops ignores every forwarded header and uses the socket", () => {
    expect(clientAddress("127.0.0.1", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("1.1.1.1, 127.0.0.1", "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress(null, "203.0.113.9", 0)).toBe("203.0.113.9");
    expect(clientAddress("127.0.0.1", null, 0)).toBeNull();
    expect(clientAddress(null, "::ffff:127.0.0.1", 0)).toBe("127.0.0.1");
    expect(clientAddress(null, "::1", 0)).toBe("::1");
  });

  it("with 1 hop takes the entry the proxy appended (the last), whatever the client prepended", () => {
    expect(clientAddress("198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddress("127.0.0.1, 198.51.100.7", "10.0.0.2", 1)).toBe("198.51.100.7");
    expect(clientAddress("evil, 127.0.0.1,198.51.100.7 ", "10.0.0.2", 1)).toBe("198.51.100.7");
  });

  it("with 2 hops takes the second entry from the right (written by the outermost trusted proxy)", () => {
    expect(clientAddress("127.0.0.1, 198.51.100.7, 10.0.0.5", "10.0.0.2", 2)).toBe("198.51.100.7");
    expect(clientAddress("198.51.100.7, 10.0.0.5", "10.0.0.2", 2)).toBe("198.51.100.7");
  });

  it("falls back to the socket when the header is missing, empty or shorter than the hop count", () => {
    expect(clientAddress(null, "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress("", "10.0.0.2", 1)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.5", "10.0.0.2", 2)).toBe("10.0.0.2");
    expect(clientAddress(" , 10.0.0.5", "10.0.0.2", 2)).toBe("10.0.0.2");
  });

  it("never lets a client choose its address when no proxy is trusted (property)", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`client-address property seed: ${seed}`);
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 80 }), { nil: null }), fc.ipV4(), (xff, peer) => clientAddress(xff, peer, 0) === peer),
      { numRuns: 1000, seed },
    );
  });

  it("ignores the peer-address header unless the server installed the stamp", () => {
    expect(peerAddressFrom(new Headers({ [PEER_ADDRESS_HEADER]: "127.0.0.1" }))).toBeNull();
  });
});

describe("known-device cookie", () => {
  const secret = "unit-test-secret-unit-test-secret-0123";
  const user = "3f1c6a1e-7d0b-4c55-9d8e-3f2a1b0c9d8e";

  it("round-trips and binds the user and device", () => {
    const device = newDeviceId();
    const now = new Date("2026-03-01T00:00:00Z");
    const v = verifyKnownDevice(secret, signKnownDevice(secret, user, device, now), now);
    expect(v).toMatchObject({ userId: user, deviceId: device });
    expect(v!.expiresAt.getTime() - now.getTime()).toBe(KNOWN_DEVICE_MAX_AGE_SECONDS * 1000);
  });

  it("refuses another secret, any edited part, and an expired cookie", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    const value = signKnownDevice(secret, user, newDeviceId(), now);
    expect(verifyKnownDevice("another-secret-another-secret-0123456", value, now)).toBeNull();
    const parts = value.split(".");
    for (let i = 1; i < parts.length; i++) {
      const edited = [...parts];
      edited[i] = i === 1 ? "00000000-0000-4000-8000-000000000000" : i === 3 ? String(Number(parts[3]) + 1) : `${parts[i]!.slice(0, -2)}AA`;
      expect(verifyKnownDevice(secret, edited.join("."), now)).toBeNull();
    }
    expect(verifyKnownDevice(secret, value, new Date(now.getTime() + (KNOWN_DEVICE_MAX_AGE_SECONDS + 1) * 1000))).toBeNull();
    for (const junk of ["", "v1", "a.b.c.d.e", value + "."]) expect(verifyKnownDevice(secret, junk, now)).toBeNull();
  });

  it("reads one cookie from a Cookie header", () => {
    expect(cookieValue("a=1; ringfence-device=v1.x; b=2", "ringfence-device")).toBe("v1.x");
    expect(cookieValue("xringfence-device=1", "ringfence-device")).toBeNull();
    expect(cookieValue(null, "ringfence-device")).toBeNull();
  });
});
