import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { organisations, ssoProviders } from "@/db/schema";
import { forgetSsoProviders } from "@/lib/auth/sso";
import type { Role } from "@/lib/auth/roles";
import { getConfig } from "@/lib/config";
import { seal } from "@/lib/crypto/seal";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { fail, ok, type ActionResult, type FieldErrors } from "@/lib/result";
import { roleMismatchMessage } from "@/lib/validations/admin";
import type { SsoProviderValues } from "@/lib/validations/sso";

/** What the administrator's form shows: everything but the client secret, which never leaves the server. */
export type SsoProviderForAdmin = {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  allowedDomains: string[];
  defaultRole: Role;
  roleClaim: string | null;
  roleMap: Record<string, string>;
  createUsers: boolean;
  enabled: boolean;
};

export async function getSsoProviderForAdmin(db: DbOrTx, organisationId: string): Promise<SsoProviderForAdmin | null> {
  const [row] = await db
    .select({
      id: ssoProviders.id,
      name: ssoProviders.name,
      issuer: ssoProviders.issuer,
      clientId: ssoProviders.clientId,
      allowedDomains: ssoProviders.allowedDomains,
      defaultRole: ssoProviders.defaultRole,
      roleClaim: ssoProviders.roleClaim,
      roleMap: ssoProviders.roleMap,
      createUsers: ssoProviders.createUsers,
      enabled: ssoProviders.enabled,
    })
    .from(ssoProviders)
    .where(eq(ssoProviders.organisationId, organisationId));
  return row ?? null;
}

export async function getPasswordSignIn(db: DbOrTx, organisationId: string): Promise<boolean | null> {
  const [row] = await db.select({ allowed: organisations.passwordSignIn }).from(organisations).where(eq(organisations.id, organisationId));
  return row ? row.allowed : null;
}

/** Every role the form names must fit the organisation's kind, looked up here (never taken from the form). */
function roleProblems(values: SsoProviderValues, kind: Parameters<typeof roleMismatchMessage>[1]): FieldErrors | null {
  const errors: FieldErrors = {};
  const defaultProblem = roleMismatchMessage(values.defaultRole, kind);
  if (defaultProblem) errors.defaultRole = [defaultProblem];
  const mapped = values.roleMapping.map((m) => roleMismatchMessage(m.role, kind)).find(Boolean);
  if (mapped) errors.roleMapping = [`A mapping line names a role this organisation cannot hold. ${mapped}`];
  return Object.keys(errors).length ? errors : null;
}

/** Registers the organisation's provider, or updates it (a blank secret keeps the stored one). Audited without the secret. */
export async function saveSsoProvider(db: Db, actor: AuditActor, values: SsoProviderValues): Promise<ActionResult<{ id: string }>> {
  const [org] = await db.select({ kind: organisations.kind }).from(organisations).where(eq(organisations.id, values.organisationId));
  if (!org) return fail("not_found", "This organisation no longer exists.");
  const problems = roleProblems(values, org.kind);
  if (problems) return fail("invalid", "Some fields need attention.", problems);
  const current = await getSsoProviderForAdmin(db, values.organisationId);
  if (!current && !values.clientSecret)
    return fail("invalid", "Some fields need attention.", { clientSecret: ["Enter the client secret the provider gave Ringfence."] });

  const fields = {
    name: values.name,
    issuer: values.issuer,
    clientId: values.clientId,
    allowedDomains: values.allowedDomains,
    defaultRole: values.defaultRole,
    roleClaim: values.roleClaim || null,
    // Built with fromEntries: a claim value such as "__proto__" stays an ordinary key.
    roleMap: Object.fromEntries(values.roleMapping.map((m) => [m.value, m.role])),
    createUsers: values.createUsers,
    enabled: values.enabled,
  };
  const sealed = values.clientSecret ? { clientSecret: seal(getConfig().authSecret, "sso-client-secret", values.clientSecret) } : {};
  const id = await db.transaction(async (tx) => {
    const target = (providerId: string) => ({ type: "sso_provider", id: providerId });
    if (!current) {
      const [row] = await tx
        .insert(ssoProviders)
        .values({ organisationId: values.organisationId, ...fields, clientSecret: sealed.clientSecret ?? "" })
        .returning({ id: ssoProviders.id });
      if (!row) throw new Error("insert returned no row");
      await recordAudit(tx, actor, "sso.provider.created", target(row.id), {
        organisationId: values.organisationId,
        issuer: fields.issuer,
        enabled: fields.enabled,
        createUsers: fields.createUsers,
      });
      return row.id;
    }
    await tx
      .update(ssoProviders)
      .set({ ...fields, ...sealed, updatedAt: new Date() })
      .where(eq(ssoProviders.id, current.id));
    const changed = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => JSON.stringify(fields[k]) !== JSON.stringify(current[k]));
    await recordAudit(tx, actor, "sso.provider.updated", target(current.id), {
      organisationId: values.organisationId,
      changed,
      secretReplaced: Boolean(values.clientSecret),
      enabled: fields.enabled,
    });
    return current.id;
  });
  forgetSsoProviders();
  return ok({ id });
}

export async function removeSsoProvider(db: Db, actor: AuditActor, organisationId: string): Promise<ActionResult<{ id: string }>> {
  const removed = await db.transaction(async (tx) => {
    const [row] = await tx.delete(ssoProviders).where(eq(ssoProviders.organisationId, organisationId)).returning({ id: ssoProviders.id });
    if (!row) return null;
    // With no provider left, password sign-in comes back on: otherwise nobody in the organisation could sign in.
    const [org] = await tx
      .update(organisations)
      .set({ passwordSignIn: true, updatedAt: new Date() })
      .where(and(eq(organisations.id, organisationId), eq(organisations.passwordSignIn, false)))
      .returning({ id: organisations.id });
    await recordAudit(tx, actor, "sso.provider.removed", { type: "sso_provider", id: row.id }, { organisationId, passwordSignInRestored: Boolean(org) });
    return row.id;
  });
  forgetSsoProviders();
  return removed ? ok({ id: removed }) : fail("not_found", "This organisation has no single sign-on provider.");
}

/** Switches password sign-in for the organisation; off only while an enabled provider exists, so people keep a way in. */
export async function setPasswordSignIn(db: Db, actor: AuditActor, organisationId: string, allowed: boolean): Promise<ActionResult<{ allowed: boolean }>> {
  const before = await getPasswordSignIn(db, organisationId);
  if (before === null) return fail("not_found", "This organisation no longer exists.");
  if (!allowed) {
    const provider = await getSsoProviderForAdmin(db, organisationId);
    if (!provider?.enabled)
      return fail("conflict", "Register and enable a single sign-on provider first: without one, nobody in this organisation could sign in.");
  }
  if (before === allowed) return ok({ allowed });
  await db.transaction(async (tx) => {
    await tx.update(organisations).set({ passwordSignIn: allowed, updatedAt: new Date() }).where(eq(organisations.id, organisationId));
    await recordAudit(tx, actor, "organisation.password_sign_in_changed", { type: "organisation", id: organisationId }, { before, after: allowed });
  });
  return ok({ allowed });
}
