import "server-only";
import { and, asc, eq } from "drizzle-orm";
import type { OIDCConfig } from "next-auth/providers";
import { getDb, type DbOrTx } from "@/db/client";
import { organisations, ssoProviders } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { unseal } from "@/lib/crypto/seal";
import { authProviderId } from "./sso-rules";

export { completeSsoSignIn } from "./sso-sign-in";

/**
 * Organisations' OpenID Connect providers as Auth.js providers. Auth.js's config is
 * built per request, so the list is read from the database; it is kept for a few
 * seconds per process (forgotten at once when an administrator changes it here).
 * Whether a provider is enabled, and everything sign-in decides, is read again,
 * uncached, when a sign-in completes (sso-sign-in.ts): switching a provider off
 * refuses its next sign-in at once, on every instance.
 */
const CACHE_MS = 5_000;

type ProviderRow = { id: string; name: string; issuer: string; clientId: string; clientSecret: string; enabled: boolean };
let cache: { at: number; rows: Promise<ProviderRow[]> } | null = null;

export function forgetSsoProviders(): void {
  cache = null;
}

async function providerRows(): Promise<ProviderRow[]> {
  const now = Date.now();
  if (!cache || now - cache.at > CACHE_MS) {
    const rows = (async () => {
      const db = await getDb();
      return db
        .select({
          id: ssoProviders.id,
          name: ssoProviders.name,
          issuer: ssoProviders.issuer,
          clientId: ssoProviders.clientId,
          clientSecret: ssoProviders.clientSecret,
          enabled: ssoProviders.enabled,
        })
        .from(ssoProviders)
        .orderBy(asc(ssoProviders.name), asc(ssoProviders.id));
    })();
    cache = { at: now, rows };
    // A failed read is not kept: the next request asks again.
    rows.catch(() => {
      if (cache?.rows === rows) cache = null;
    });
  }
  return cache.rows;
}

/** The Auth.js provider for one registered provider: authorization code flow with PKCE, state and nonce, claims from the ID token. */
export function oidcProviderFor(row: Pick<ProviderRow, "id" | "name" | "issuer" | "clientId" | "clientSecret">): OIDCConfig<Record<string, unknown>> {
  return {
    id: authProviderId(row.id),
    name: row.name,
    type: "oidc",
    issuer: row.issuer,
    clientId: row.clientId,
    // A secret sealed under an earlier AUTH_SECRET does not open: the token request then fails and the person is told sign-in failed.
    clientSecret: unseal(getConfig().authSecret, "sso-client-secret", row.clientSecret) ?? "",
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // The portal's own user id replaces this one in the sign-in callback.
    profile: (claims) => ({ id: typeof claims.sub === "string" ? claims.sub : "", email: typeof claims.email === "string" ? claims.email : null }),
  };
}

/**
 * The providers Auth.js should know for this request. Disabled ones are included only for
 * the callback route, so a sign-in started before the switch-off ends with a clear refusal
 * (the sign-in callback refuses it) rather than an unknown-provider error.
 */
export async function ssoAuthProviders(includeDisabled: boolean): Promise<OIDCConfig<Record<string, unknown>>[]> {
  const rows = await providerRows();
  return rows.filter((r) => includeDisabled || r.enabled).map(oidcProviderFor);
}

/** The enabled providers, for the sign-in buttons (read fresh: the login page is dynamic). */
export async function listSignInProviders(db: DbOrTx): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: ssoProviders.id, name: ssoProviders.name })
    .from(ssoProviders)
    .where(eq(ssoProviders.enabled, true))
    .orderBy(asc(ssoProviders.name), asc(ssoProviders.id));
}

export async function isProviderEnabled(db: DbOrTx, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ssoProviders.id })
    .from(ssoProviders)
    .where(and(eq(ssoProviders.id, providerId), eq(ssoProviders.enabled, true)));
  return Boolean(row);
}

/** Whether the organisation lets its people sign in with a password (false: only through its identity provider). */
export async function passwordSignInAllowed(db: DbOrTx, organisationId: string): Promise<boolean> {
  const [row] = await db.select({ allowed: organisations.passwordSignIn }).from(organisations).where(eq(organisations.id, organisationId));
  return row?.allowed ?? true;
}
