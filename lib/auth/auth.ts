import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
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
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => {
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
      ...(await ssoAuthProviders(request?.nextUrl.pathname.startsWith("/api/auth/callback/") ?? false)),
    ],
    callbacks: {
      async signIn({ user, account, profile }) {
        const providerId = ssoProviderIdFrom(account?.provider);
        if (!providerId) return true;
        // Only Auth.js's callback route gets here, and it always carries the request.
        const callbackHeaders = request?.headers ?? new Headers();
        const result = await completeSsoSignIn(await getDb(), providerId, (profile ?? {}) as Record<string, unknown>, {
          clientAddress: clientAddressFrom(callbackHeaders),
          userAgent: callbackHeaders.get("user-agent"),
        });
        // Auth.js sends a string answer on as a redirect: the login page explains the code.
        if (!result.ok) return `/login?error=sso_${result.reason}`;
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
        console.error(`[auth] ${escapeForLog(`${error.name}: ${error.message}`)}`);
      },
      warn() {},
      debug() {},
    },
  };
});

/** The current request's headers where there is one (pages, actions, route handlers); none at start-up. */
async function currentHeaders(): Promise<Pick<Headers, "get">> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}
