import { NextResponse, type NextRequest } from "next/server";
import { pageCsp } from "@/lib/http/security-headers";

/**
 * Runs before page requests without a body. It only (1) sends people without a
 * session cookie to sign-in and (2) sets a Content-Security-Policy with a fresh
 * nonce. It never decides access: pages, actions and route handlers check the
 * session themselves. The static security headers come from next.config.ts.
 */
const SESSION_COOKIES = ["authjs.session-token", "__Secure-authjs.session-token"];
const PUBLIC_PREFIXES = ["/login", "/set-password"];
/** Public summaries of reports whose vendors opted in: readable without an account. */
const isPublicSection = (pathname: string) => pathname === "/public" || pathname.startsWith("/public/");

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!hasSession && !PUBLIC_PREFIXES.some((p) => pathname.startsWith(p)) && !isPublicSection(pathname)) {
    const url = new URL("/login", request.url);
    if (pathname !== "/") url.searchParams.set("next", `${pathname}${search}`);
    const response = NextResponse.redirect(url);
    response.headers.set("Content-Security-Policy", pageCsp("", false));
    return response;
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = pageCsp(nonce, process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
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
