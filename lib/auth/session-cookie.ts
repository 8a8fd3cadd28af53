import { getToken } from "next-auth/jwt";

export type SessionCookieClaims = { sub?: unknown; sv?: unknown; sid?: unknown; exp?: unknown };

// A cookie too large to read whole (chunks missing) or one that does not open is simply no session.
const quietLogger = { error: () => {}, warn: () => {}, debug: () => {} } as unknown as Console;

// Auth.js's tolerance for the token's expiry (@auth/core/jwt decode: clockTolerance 15 s).
const CLOCK_TOLERANCE_SECONDS = 15;

/**
 * Claims of cookies this process has already opened, by the exact cookie text (and the name it
 * came under, which salts the key). Opening a cookie (key derivation, decryption, Web Crypto's
 * constant-time tag check) was about a tenth of a small signed-in page's time, repeated for the
 * same bytes on every request of a session. Only a cookie that opened goes in, so the same text
 * can only ever give the same claims; expiry is checked again on every use. Bounded: the oldest
 * entries go first. What the claims name is still checked against the database on every request
 * (lib/auth/session.ts: revoked sessions, version, deactivated accounts).
 */
const opened = new Map<string, SessionCookieClaims>();
const OPENED_MAX = 5000;
// The secret the remembered cookies were opened with: another one forgets them all.
let openedWith: string | null = null;

function unexpired(claims: SessionCookieClaims, nowSeconds: number): boolean {
  return typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_SECONDS > nowSeconds;
}

/**
 * The claims of the session cookie in a Cookie header, decrypted and checked (integrity, expiry)
 * by Auth.js's own `getToken`, under the name and key Auth.js gives the cookie for the request's
 * scheme (`__Secure-` over HTTPS; lib/auth/auth.ts). Only the Cookie header is read, as Auth.js's
 * `auth()` does: a session never arrives in an Authorization header.
 *
 * `auth()` gave the same claims, but ran Auth.js's whole session endpoint to do it: it built a
 * request and the configuration, decrypted the cookie, then encrypted a renewed one and wrote a
 * response, whose cookie `auth()` drops when called from a page, action or route handler. That
 * was about a tenth of a small signed-in page's time (docs/performance.md).
 */
export async function sessionCookieClaims(
  cookieHeader: string | null,
  secureCookie: boolean,
  secret: string,
  now: Date = new Date(),
): Promise<SessionCookieClaims | null> {
  if (!cookieHeader) return null;
  const req = { headers: new Headers({ cookie: cookieHeader }) };
  // The cookie's text as Auth.js reads it (chunks joined), without opening it.
  const raw = await getToken({ req, secret, secureCookie, raw: true, logger: quietLogger });
  if (!raw) return null;
  if (openedWith !== secret) {
    opened.clear();
    openedWith = secret;
  }
  const key = `${secureCookie ? "s" : "p"}:${raw}`;
  const nowSeconds = now.getTime() / 1000;
  const known = opened.get(key);
  if (known) return unexpired(known, nowSeconds) ? known : null;
  const claims = (await getToken({ req, secret, secureCookie, logger: quietLogger })) as SessionCookieClaims | null;
  if (!claims || !unexpired(claims, nowSeconds)) return null;
  if (opened.size >= OPENED_MAX) opened.delete(opened.keys().next().value!);
  opened.set(key, claims);
  return claims;
}
