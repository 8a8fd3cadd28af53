import { NextResponse, type NextRequest } from "next/server";

/**
 * Runs before page requests without a body. It only sends people without a
 * session cookie to sign-in. It never decides access: pages, actions and route
 * handlers check the session themselves. Security headers, the script nonce
 * included, come from the front door (lib/http/front-door.ts), which sees every
 * request, and next.config.ts.
 */
// Auth.js's names over plain HTTP and over HTTPS (lib/auth/auth.ts, useSecureCookies).
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PREFIXES = ["/login", "/set-password"];
/** Public summaries of reports whose vendors opted in, and the liveness page: readable without an account. */
const isPublicSection = (pathname: string) => pathname === "/public" || pathname.startsWith("/public/") || pathname === "/up";

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !PUBLIC_PREFIXES.some((p) => pathname.startsWith(p)) && !isPublicSection(pathname)) {
    const url = new URL("/login", request.url);
    if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
    return NextResponse.redirect(url);
  }
  return NextResponse.next();
}

export const config = {
  matcher: [
    {
      // Pages only: route handlers, build assets and the icon set their own headers (next.config.ts).
      source: "/((?!api/|_next/|favicon).*)",
      // Never a request with a body: Next would copy the body for the proxy (capped at
      // proxyClientMaxBodySize, silently truncating) and read all of it before the page or
      // action runs. Requests with a body are server actions; they check the session themselves.
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
