import "server-only";
import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getConfig } from "@/lib/config";
import { escapeForLog } from "@/lib/server/log";
import { authorizeCredentials, type SessionClaims } from "./credentials";
import { clientAddressFrom } from "./client-address";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// The config is built per request (lazily) so `next build` needs no secret.
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: getConfig().authSecret,
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      authorize: (credentials, request) => authorizeCredentials(credentials, clientAddressFrom(request.headers)),
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
      }
      return token;
    },
    session({ session, token }) {
      // The session version and role are re-checked against the database on every request (lib/auth/session.ts).
      return { ...session, user: { ...session.user, id: token.sub ?? "" }, sv: token.sv, role: token.role, org: token.org };
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
