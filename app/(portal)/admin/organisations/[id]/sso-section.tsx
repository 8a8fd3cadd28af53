import { getDb } from "@/db/client";
import { ROLE_LABELS, rolesForOrgKind, type OrgKind, type Role } from "@/lib/auth/roles";
import { authProviderId } from "@/lib/auth/sso-rules";
import { getConfig } from "@/lib/config";
import { getPasswordSignIn, getSsoProviderForAdmin } from "@/lib/identity/sso-providers";
import { Card } from "@/components/ui/page-header";
import { PasswordSignInSwitch, RemoveProvider } from "./sso-controls";
import { SsoProviderForm } from "./sso-provider-form";

/** The organisation's single sign-on settings. The page has checked `admin.organisations`; each action checks it again. */
export async function SsoSection({ organisation }: { organisation: { id: string; kind: OrgKind } }) {
  const db = await getDb();
  const provider = await getSsoProviderForAdmin(db, organisation.id);
  const passwordSignIn = (await getPasswordSignIn(db, organisation.id)) ?? true;
  const redirectUri = provider ? `${getConfig().mail.publicUrl}/api/auth/callback/${authProviderId(provider.id)}` : null;
  return (
    <Card className="mt-6">
      <h2 id="sso-heading" className="mb-1 text-lg font-semibold">
        Single sign-on
      </h2>
      <p className="mb-4 max-w-prose text-sm text-muted">
        People of this organisation can sign in through its own OpenID Connect provider (authorization code flow with PKCE). They are matched by verified e-mail
        address.
      </p>
      {redirectUri ? (
        <dl className="mb-4 text-sm">
          <dt className="font-semibold">Redirect URI to register with the provider</dt>
          <dd className="font-mono break-all" data-testid="sso-redirect-uri">
            {redirectUri}
          </dd>
          <dt className="mt-2 font-semibold">Status</dt>
          <dd>{provider?.enabled ? "Enabled" : "Disabled"}</dd>
        </dl>
      ) : (
        <p className="mb-4 text-sm">No provider is registered. After registering, give the provider the redirect URI shown here.</p>
      )}
      <SsoProviderForm
        organisationId={organisation.id}
        roles={rolesForOrgKind(organisation.kind)}
        initial={
          provider
            ? {
                name: provider.name,
                issuer: provider.issuer,
                clientId: provider.clientId,
                allowedDomains: provider.allowedDomains.join("\n"),
                defaultRole: provider.defaultRole,
                roleClaim: provider.roleClaim ?? "",
                roleMapping: Object.entries(provider.roleMap)
                  .map(([value, role]) => `${value} = ${ROLE_LABELS[role as Role] ?? role}`)
                  .join("\n"),
                createUsers: provider.createUsers,
                enabled: provider.enabled,
              }
            : null
        }
      />
      <div className="mt-6 border-t border-gray-200 pt-4">
        <PasswordSignInSwitch organisationId={organisation.id} allowed={passwordSignIn} />
      </div>
      {provider ? (
        <div className="mt-6 border-t border-gray-200 pt-4">
          <RemoveProvider organisationId={organisation.id} name={provider.name} />
        </div>
      ) : null}
    </Card>
  );
}
