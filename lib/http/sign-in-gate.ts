import type { IncomingHttpHeaders } from "node:http";

/**
 * Sends people without a session cookie to sign-in, for page requests without a body. It never
 * decides access: pages, actions and route handlers check the session themselves (a page asked
 * for with a stale or forged cookie still lands on sign-in, from `requireActor`). This only spares
 * the obvious case a render.
 *
 * It runs in the front door (front-door.ts), which already sees every request, rather than as a
 * Next proxy: a proxy costs every page request a pass through Next's proxy runtime (a Web
 * `Request`, cookie and URL objects, a response to merge), a tenth of a small page's time in
 * `npm run bench`, for what is a look at one header.
 *
 * Left alone: route handlers (`/api/`), build assets (`/_next/`), the icon, and requests with a
 * body (server actions, uploads), which check the session themselves and answer in their own
 * format; the public pages (sign-in, setting a password, public report summaries, `/up`).
 */
// Auth.js's names over plain HTTP and over HTTPS (lib/auth/auth.ts, useSecureCookies).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PREFIXES = ["/login", "/set-password"];
const SKIPPED_PREFIXES = ["/api/", "/_next/", "/favicon"];
// Next's marker for a router fetch of a page's payload: not part of the address to return to.
const RSC_QUERY = "_rsc";

function isPublic(pathname: string): boolean {
  if (PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) return true;
  // Public summaries of reports whose vendors opted in, and the liveness page.
  return pathname === "/public" || pathname.startsWith("/public/") || pathname === "/up";
}

/** Whether the Cookie header names a session cookie (its value is the page's business). */
export function hasSessionCookie(cookie: string | string[] | undefined): boolean {
  if (!cookie) return false;
  const text = Array.isArray(cookie) ? cookie.join("; ") : cookie;
  if (!text.includes("authjs.session-token")) return false;
  for (const pair of text.split(";")) {
    const eq = pair.indexOf("=");
    const name = (eq === -1 ? pair : pair.slice(0, eq)).trim();
    if (SESSION_COOKIES.includes(name)) return true;
  }
  return false;
}

/**
 * Where to send this request instead (a path on this site: `/login`, with `next` naming the page
 * asked for), or null to let it through. `target` is the request target as received (origin form,
 * already checked by request-checks.ts).
 */
export function signInRedirect(target: string, headers: IncomingHttpHeaders): string | null {
  if (headers["content-length"] !== undefined || headers["transfer-encoding"] !== undefined) return null;
  const q = target.indexOf("?");
  const pathname = q === -1 ? target : target.slice(0, q);
  if (SKIPPED_PREFIXES.some((p) => pathname.startsWith(p)) || isPublic(pathname)) return null;
  if (hasSessionCookie(headers.cookie)) return null;
  if (pathname === "/") return "/login";
  const url = new URL(target, "http://portal.invalid");
  url.searchParams.delete(RSC_QUERY);
  const back = `${url.pathname}${url.search}`;
  return `/login?${new URLSearchParams({ next: back }).toString()}`;
}
