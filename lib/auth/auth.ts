import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import type { NextRequest } from "next/server";
import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { requestIsHttps } from "@/lib/http/request-scheme";
import { escapeForLog } from "@/lib/server/log";
import { authorizeCredentials, type SessionClaims } from "./credentials";
import { knownDeviceFrom, rememberDevice } from "./device-cookie";
import { clientAddressFrom } from "./request-address";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";
import { completeSsoSignIn, ssoAuthProviders } from "./sso";
import { ssoProviderIdFrom } from "./sso-rules";

export { SESSION_MAX_AGE_SECONDS };

// The config is built per request (lazily) so `next build` needs no secret, and so each
// request's scheme decides its cookies: over HTTPS they are Secure and prefixed
// (__Secure-authjs.session-token, __Host-authjs.csrf-token, …). Auth.js would otherwise decide
// by X-Forwarded-Proto, which any client can send.
const nextAuth = NextAuth(async (request) => {
  // Requests to Auth.js's own routes carry the request; auth() and signIn() from the app do not.
  return {
    secret: getConfig().authSecret,
    trustHost: true,
    useSecureCookies: requestIsHttps(request?.headers ?? (await currentHeaders())),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, request) {
          const device = knownDeviceFrom(request.headers);
          const claims = await authorizeCredentials(credentials, {
            clientAddress: clientAddressFrom(request.headers),
            userAgent: request.headers.get("user-agent"),
            device,
          });
          await rememberDevice(claims.id, device, requestIsHttps(request.headers));
          return claims;
        },
      }),
      // Organisations' identity providers (lib/auth/sso.ts); disabled ones only on the callback route, to refuse clearly.
      ...(await ssoAuthProviders(request ? new URL(request.url).pathname.startsWith("/api/auth/callback/") : false)),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        const providerId = ssoProviderIdFrom(account?.provider);
        if (!providerId) return true;
        // Only Auth.js's callback route gets here, and it always carries the request.
        const callbackHeaders = request?.headers ?? new Headers();
        const device = knownDeviceFrom(callbackHeaders);
        const result = await completeSsoSignIn(await getDb(), providerId, (profile ?? {}) as Record<string, unknown>, {
          clientAddress: clientAddressFrom(callbackHeaders),
          userAgent: callbackHeaders.get("user-agent"),
          device,
        });
        // Auth.js sends a string answer on as a redirect: the login page explains the code.
        if (!result.ok) return `/login?error=sso_${result.reason}`;
        await rememberDevice(result.claims.id, device, requestIsHttps(callbackHeaders));
        // Without a database adapter Auth.js hands this same user object to the jwt callback.
        Object.assign(user, { ssoClaims: result.claims });
        return true;
      },
      jwt({ token, user, account }) {
        if (user && ssoProviderIdFrom(account?.provider)) {
          const claims = (user as { ssoClaims?: SessionClaims }).ssoClaims;
          // No claims: no session row was opened, so no cookie either.
          if (!claims) return null;
          // A fresh token: the provider's name and e-mail stay out of the cookie, as on the password path.
          return { sub: claims.id, sv: claims.sv, role: claims.role, org: claims.org, sid: claims.sid };
        }
        if (user) {
          const claims = user as unknown as SessionClaims;
          token.sub = claims.id;
          token.sv = claims.sv;
          token.role = claims.role;
          token.org = claims.org;
          token.sid = claims.sid;
        }
        return token;
      },
      session({ session, token }) {
        // The session row, session version and role are re-checked against the database on every request (lib/auth/session.ts).
        return { ...session, user: { ...session.user, id: token.sub ?? "" }, sv: token.sv, role: token.role, org: token.org, sid: token.sid };
      },
    },
    logger: {
      // Failed sign-ins are expected: no stack traces for them.
      error(error) {
        if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
        // Auth.js wraps what went wrong with an identity provider (discovery, token request, ID token checks) as the cause.
        const cause = (error as { cause?: { err?: unknown } }).cause?.err;
        const detail = cause instanceof Error ? ` (${cause.name}: ${cause.message})` : "";
        console.error(`[auth] ${escapeForLog(`${error.name}: ${error.message}${detail}`)}`);
      },
      warn() {},
      debug() {},
    },
  };
});

export const { auth, signIn, signOut } = nextAuth;

/**
 * Auth.js builds an identity provider's redirect URI from the request's URL. signIn() in a
 * server action takes it from the Host header, but Next hands route handlers a URL of its own
 * (NextURL even rewrites 127.0.0.1 and ::1 to "localhost"), so the token request would name
 * another redirect URI than the authorization request did, and the provider refuses it. The
 * route gets a plain Request on the host the browser used, found as signIn() finds it
 * (Auth.js's createActionURL: X-Forwarded-Host, else Host). With AUTH_URL set, Auth.js uses
 * that for both and nothing is changed here.
 */
function withBrowserOrigin(request: NextRequest): NextRequest {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host || process.env.AUTH_URL || process.env.NEXTAUTH_URL) return request;
  const proto = request.headers.get("x-forwarded-proto") ?? (requestIsHttps(request.headers) ? "https" : "http");
  let origin: string;
  try {
    origin = new URL(`${proto.replace(/:$/, "")}://${host}`).origin;
  } catch {
    return request;
  }
  const url = new URL(request.url);
  if (url.origin === origin) return request;
  const body = request.method === "GET" || request.method === "HEAD" ? null : request.body;
  const init = { method: request.method, headers: request.headers, body, signal: request.signal, duplex: "half" } as RequestInit;
  // Auth.js reads only the standard Request fields (url, method, headers, body).
  return new Request(`${origin}${url.pathname}${url.search}`, init) as NextRequest;
}

export const handlers = {
  GET: (request: NextRequest) => nextAuth.handlers.GET(withBrowserOrigin(request)),
  POST: (request: NextRequest) => nextAuth.handlers.POST(withBrowserOrigin(request)),
};

/** The current request's headers where there is one (pages, actions, route handlers); none at start-up. */
async function currentHeaders(): Promise<Pick<Headers, "get">> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}
