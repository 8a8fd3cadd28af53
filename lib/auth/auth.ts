import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { getConfig } from "@/lib/config";
import { requestIsHttps } from "@/lib/http/request-scheme";
import { escapeForLog } from "@/lib/server/log";
import { authorizeCredentials, type SessionClaims } from "./credentials";
import { knownDeviceFrom, rememberDevice } from "./device-cookie";
import { clientAddressFrom } from "./request-address";
import { SESSION_MAX_AGE_SECONDS } from "./sessions";

export { SESSION_MAX_AGE_SECONDS };

// The config is built per request (lazily) so `next build` needs no secret, and so each
// request's scheme decides its cookies: over HTTPS they are Secure and prefixed
// (__Secure-authjs.session-token, __Host-authjs.csrf-token, …). Auth.js would otherwise decide
// by X-Forwarded-Proto, which any client can send.
export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => ({
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
  ],
  callbacks: {
    jwt({ token, user }) {
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
}));

/** The current request's headers where there is one (pages, actions, route handlers); none at start-up. */
async function currentHeaders(): Promise<Pick<Headers, "get">> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}
