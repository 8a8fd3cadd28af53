import { getToken } from "next-auth/jwt";

export type SessionCookieClaims = { sub?: unknown; sv?: unknown; sid?: unknown };

// A cookie too large to read whole (chunks missing) or one that does not open is simply no session.
const quietLogger = { error: () => {}, warn: () => {}, debug: () => {} } as unknown as Console;

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
export async function sessionCookieClaims(cookieHeader: string | null, secureCookie: boolean, secret: string): Promise<SessionCookieClaims | null> {
  if (!cookieHeader) return null;
  return getToken({ req: { headers: new Headers({ cookie: cookieHeader }) }, secret, secureCookie, logger: quietLogger });
}
