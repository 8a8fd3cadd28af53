import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sessionCookieClaims } from "@/lib/auth/session-cookie";

// Cookies made as Auth.js makes them at sign-in (encode, salted with the cookie's name), read back
// as every page, action and route handler reads them (lib/auth/session.ts).
const SECRET = "s".repeat(40);
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";
const CLAIMS = { sub: "5b0c7c1e-0000-4000-8000-000000000001", sv: 3, sid: "c0ffee00-0000-4000-8000-000000000002", role: "vendor_officer" };
const make = (name: string, o: { secret?: string; maxAge?: number } = {}) =>
  encode({ token: CLAIMS, secret: o.secret ?? SECRET, salt: name, maxAge: o.maxAge ?? 3600 });

describe("reading the session cookie", () => {
  it("opens a cookie Auth.js made, over HTTP and over HTTPS, among other cookies", async () => {
    expect(await sessionCookieClaims(`tz=UTC; ${PLAIN}=${await make(PLAIN)}`, false, SECRET)).toMatchObject(CLAIMS);
    expect(await sessionCookieClaims(`${SECURE}=${await make(SECURE)}; tz=UTC`, true, SECRET)).toMatchObject(CLAIMS);
  });

  it("opens a cookie Auth.js split into chunks", async () => {
    const token = await make(PLAIN);
    const half = Math.ceil(token.length / 2);
    expect(await sessionCookieClaims(`${PLAIN}.1=${token.slice(half)}; ${PLAIN}.0=${token.slice(0, half)}`, false, SECRET)).toMatchObject(CLAIMS);
  });

  it("refuses a cookie under the other scheme's name (its key is salted with the name)", async () => {
    expect(await sessionCookieClaims(`${PLAIN}=${await make(PLAIN)}`, true, SECRET)).toBeNull();
    expect(await sessionCookieClaims(`${SECURE}=${await make(SECURE)}`, false, SECRET)).toBeNull();
    // The right name, but the key of the other one.
    expect(await sessionCookieClaims(`${SECURE}=${await make(PLAIN)}`, true, SECRET)).toBeNull();
  });

  it("refuses a cookie made with another secret, altered, cut short or expired", async () => {
    expect(await sessionCookieClaims(`${PLAIN}=${await make(PLAIN, { secret: "t".repeat(40) })}`, false, SECRET)).toBeNull();
    const token = await make(PLAIN);
    const parts = token.split(".");
    // Every part of the compact JWE: header, (empty) key, IV, ciphertext, tag.
    for (let i = 0; i < parts.length; i++) {
      if (!parts[i]) continue;
      const altered = [...parts];
      altered[i] = (altered[i]!.startsWith("A") ? "B" : "A") + altered[i]!.slice(1);
      expect(await sessionCookieClaims(`${PLAIN}=${altered.join(".")}`, false, SECRET), `part ${i} altered`).toBeNull();
    }
    expect(await sessionCookieClaims(`${PLAIN}=${token.slice(0, -10)}`, false, SECRET)).toBeNull();
    expect(await sessionCookieClaims(`${PLAIN}=${await make(PLAIN, { maxAge: -60 })}`, false, SECRET)).toBeNull();
    expect(await sessionCookieClaims(`${PLAIN}=not-a-token`, false, SECRET)).toBeNull();
  });

  it("remembers a cookie it opened, but never past its expiry, nor under the other name or another secret", async () => {
    const token = await make(PLAIN, { maxAge: 60 });
    const header = `${PLAIN}=${token}`;
    expect(await sessionCookieClaims(header, false, SECRET)).toMatchObject(CLAIMS);
    // Again: from memory, the same claims.
    expect(await sessionCookieClaims(header, false, SECRET)).toMatchObject(CLAIMS);
    // Within Auth.js's 15 s of tolerance, then past it.
    expect(await sessionCookieClaims(header, false, SECRET, new Date(Date.now() + 70_000))).toMatchObject(CLAIMS);
    expect(await sessionCookieClaims(header, false, SECRET, new Date(Date.now() + 80_000))).toBeNull();
    // The same text under the secure name, or read with another secret, is opened afresh and fails.
    expect(await sessionCookieClaims(`${SECURE}=${token}`, true, SECRET)).toBeNull();
    expect(await sessionCookieClaims(header, false, "t".repeat(40))).toBeNull();
    expect(await sessionCookieClaims(header, false, SECRET)).toMatchObject(CLAIMS);
  });

  it("finds no session without the cookie, whatever else the request carries", async () => {
    expect(await sessionCookieClaims(null, false, SECRET)).toBeNull();
    expect(await sessionCookieClaims("", false, SECRET)).toBeNull();
    expect(await sessionCookieClaims(`tz=UTC; ${PLAIN}-x=garbage`, false, SECRET)).toBeNull();
    expect(await sessionCookieClaims(`other=${await make(PLAIN)}`, false, SECRET)).toBeNull();
  });
});
