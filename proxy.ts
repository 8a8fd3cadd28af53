import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before every request. It only (1) sends people without a session cookie
 * to sign-in and (2) sets security headers with a fresh CSP nonce. It never
 * decides access: pages, actions and route handlers check the session themselves.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PREFIXES = ["/login", "/set-password", "/api/", "/_next/", "/favicon"];

// Evidence downloads carry their own sandboxing policy; the proxy's headers would otherwise replace it.
const SANDBOXED = /^\/api\/evidence\/[^/]+\/download$/;
const SANDBOX_CSP = "sandbox; default-src 'none'";

function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !PUBLIC_PREFIXES.some((p) => pathname.startsWith(p))) {
    const url = new URL("/login", request.url);
    if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
    return withSecurityHeaders(NextResponse.redirect(url), contentSecurityPolicy("", false));
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = SANDBOXED.test(pathname) ? SANDBOX_CSP : contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  return response;
}

export const config = {
  // Every path, static files included, so every response carries the headers.
  matcher: "/:path*",
};
