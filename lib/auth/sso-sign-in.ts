import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organisations, ssoProviders, users } from "@/db/schema";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import type { SessionClaims, SignInContext } from "./credentials";
import { noticeNewSignIn } from "./new-device-notice";
import { createSession } from "./sessions";
import { emailDomainAllowed, nameFromClaims, roleForNewPerson, type SsoRefusal } from "./sso-rules";

export type SsoSignInResult = { ok: true; claims: SessionClaims; created: boolean } | { ok: false; reason: SsoRefusal };

const NOBODY: AuditActor = { userId: null, organisationId: null, role: null };

async function loadProvider(db: DbOrTx, providerId: string) {
  const [row] = await db
    .select({
      id: ssoProviders.id,
      organisationId: ssoProviders.organisationId,
      organisationKind: organisations.kind,
      allowedDomains: ssoProviders.allowedDomains,
      defaultRole: ssoProviders.defaultRole,
      roleClaim: ssoProviders.roleClaim,
      roleMap: ssoProviders.roleMap,
      createUsers: ssoProviders.createUsers,
      enabled: ssoProviders.enabled,
    })
    .from(ssoProviders)
    .innerJoin(organisations, eq(organisations.id, ssoProviders.organisationId))
    .where(eq(ssoProviders.id, providerId));
  return row ?? null;
}

/**
 * Completes a sign-in through an organisation's identity provider, from the ID token's
 * validated claims (Auth.js has checked signature, issuer, audience, nonce, PKCE and state).
 * The provider is read again here, uncached. The person is matched by verified e-mail in an
 * allowed domain and must belong to the provider's organisation and be active; with
 * `createUsers` a first sign-in creates them. Refusals are audited by account id only.
 */
export async function completeSsoSignIn(
  db: DbOrTx,
  providerId: string,
  claims: Record<string, unknown>,
  context: SignInContext,
  retried = false,
): Promise<SsoSignInResult> {
  const { clientAddress } = context;
  const refuse = async (reason: SsoRefusal, userId: string | null = null): Promise<SsoSignInResult> => {
    // Never the e-mail address: an address that has no account must not be written down.
    await db.transaction(async (tx) => {
      await recordAudit(tx, NOBODY, "auth.sign_in_failed", { type: "user", id: userId }, { reason, method: "sso", provider: providerId }, { clientAddress });
    });
    return { ok: false, reason };
  };

  const provider = await loadProvider(db, providerId);
  if (!provider?.enabled) return refuse("provider_disabled");
  if (claims.email_verified !== true) return refuse("email_not_verified");
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!emailDomainAllowed(email, provider.allowedDomains)) return refuse("domain_not_allowed");

  const principal = await getPrincipalForSignIn(db, email);
  if (principal && principal.organisationId !== provider.organisationId) return refuse("other_organisation", principal.userId);
  if (principal && !principal.active) return refuse("inactive_account", principal.userId);
  if (!principal && !provider.createUsers) return refuse("unknown_account");
  const newRole = principal
    ? null
    : roleForNewPerson(claims, { roleClaim: provider.roleClaim, roleMap: provider.roleMap, defaultRole: provider.defaultRole }, provider.organisationKind);
  if (!principal && !newRole) return refuse("role_not_allowed");

  const outcome = await db.transaction(async (tx) => {
    let person = principal ? { userId: principal.userId, role: principal.role, sessionVersion: principal.sessionVersion } : null;
    if (!person && newRole) {
      // Another first sign-in with the same address may have just created the person: then match again.
      const [created] = await tx
        .insert(users)
        .values({ email, name: nameFromClaims(claims, email) })
        .onConflictDoNothing()
        .returning({ id: users.id, sessionVersion: users.sessionVersion });
      if (!created) return null;
      await tx.insert(memberships).values({ userId: created.id, organisationId: provider.organisationId, role: newRole });
      await recordAudit(
        tx,
        { userId: null, organisationId: provider.organisationId, role: null },
        "user.created_by_sso",
        { type: "user", id: created.id },
        { provider: provider.id, role: newRole, organisationId: provider.organisationId },
        { clientAddress },
      );
      person = { userId: created.id, role: newRole, sessionVersion: created.sessionVersion };
    }
    if (!person) return null;
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, person.userId));
    const session = await createSession(tx, { userId: person.userId, userAgent: context.userAgent, clientAddress, method: "sso", providerId: provider.id });
    // As on the password path: a browser that has not signed in to this account before is news to the person.
    const knownDevice = context.device?.userId === person.userId;
    await noticeNewSignIn(tx, { userId: person.userId, sessionId: session.id, userAgent: context.userAgent, clientAddress, knownDevice });
    const actor = { userId: person.userId, organisationId: provider.organisationId, role: person.role };
    await recordAudit(
      tx,
      actor,
      "auth.signed_in",
      { type: "user", id: person.userId },
      { session: session.id, method: "sso", provider: provider.id, knownDevice },
      { clientAddress },
    );
    const claimsOut: SessionClaims = { id: person.userId, sv: person.sessionVersion, role: person.role, org: provider.organisationId, sid: session.id };
    return claimsOut;
  });
  if (!outcome) {
    if (retried) throw new Error("single sign-on: the person could neither be found nor created");
    return completeSsoSignIn(db, providerId, claims, context, true);
  }
  return { ok: true, claims: outcome, created: !principal };
}
