import crypto from "node:crypto";
import type { Server } from "node:http";
import Provider from "oidc-provider";

/** A person the test identity provider knows, by the login name typed on its sign-in form. */
export type IdpAccount = { email: string; email_verified: boolean; name?: string; groups?: string[] };

export type OidcServer = { issuer: string; close: () => Promise<void> };

/**
 * A real OpenID Connect provider (oidc-provider) for the e2e tests, on 127.0.0.1:`port`,
 * with one confidential client (authorization code flow, PKCE required by the provider)
 * and the accounts given. Its development sign-in form takes any password; consent is
 * granted without asking, for "openid email profile". The ID token carries email,
 * email_verified, name and groups (conformIdTokenClaims off), as many providers do.
 */
export async function startOidcServer(o: {
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  accounts: Record<string, IdpAccount>;
}): Promise<OidcServer> {
  const issuer = `http://127.0.0.1:${o.port}`;
  const provider = new Provider(issuer, {
    clients: [
      { client_id: o.clientId, client_secret: o.clientSecret, redirect_uris: [o.redirectUri], grant_types: ["authorization_code"], response_types: ["code"] },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "groups"] },
    conformIdTokenClaims: false,
    cookies: { keys: [crypto.randomBytes(16).toString("hex")] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = o.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // First-party client: no consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // What the provider refused, for whoever reads a failed run's output.
  for (const event of ["grant.error", "authorization.error", "server_error", "userinfo.error"]) {
    provider.on(event, (_ctx, err) =>
      console.error(
        `[test idp] ${event}: ${err.message}${err.error_description ? ` (${err.error_description})` : ""}${err.error_detail ? `: ${err.error_detail}` : ""}`,
      ),
    );
  }
  const server: Server = await new Promise((resolve) => {
    const s = provider.listen(o.port, "127.0.0.1", () => resolve(s));
  });
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
