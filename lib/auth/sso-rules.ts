import { ROLES, roleFitsOrgKind, type OrgKind, type Role } from "./roles";

/**
 * The rules of single sign-on that need no database: which issuer URLs an
 * administrator may register, which e-mail addresses a provider may vouch for,
 * and which role a new person gets. Safe to import from client components.
 */

/** Why an SSO sign-in was refused; also the `?error=sso_<reason>` the login page explains. */
export const SSO_REFUSALS = [
  "email_not_verified",
  "domain_not_allowed",
  "unknown_account",
  "other_organisation",
  "inactive_account",
  "provider_disabled",
  "role_not_allowed",
] as const;
export type SsoRefusal = (typeof SSO_REFUSALS)[number];

/** Auth.js provider ids of registered providers: "sso-<sso_providers.id>". */
export const SSO_PROVIDER_PREFIX = "sso-";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function authProviderId(providerId: string): string {
  return `${SSO_PROVIDER_PREFIX}${providerId}`;
}

/** The registered provider's id behind an Auth.js provider id, or null for any other provider. */
export function ssoProviderIdFrom(authId: string | null | undefined): string | null {
  if (!authId?.startsWith(SSO_PROVIDER_PREFIX)) return null;
  const id = authId.slice(SSO_PROVIDER_PREFIX.length);
  return UUID.test(id) ? id : null;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * An issuer an administrator may register: an absolute https URL without credentials,
 * query or fragment; plain http only for a provider on this machine (tests, development).
 */
export function issuerProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter the issuer as a full URL, such as https://login.example.org/realms/staff.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The issuer must be an https:// URL.";
  if (url.protocol === "http:" && !LOOPBACK_HOSTS.has(url.hostname))
    return "The issuer must use https:// (plain http is allowed only for 127.0.0.1, localhost and ::1).";
  if (url.username || url.password) return "The issuer must not contain a user name or password.";
  if (url.search || url.hash || raw.includes("?") || raw.includes("#")) return "The issuer must not contain a query (?) or fragment (#).";
  return null;
}

// A DNS name of letters, digits and hyphens in dot-separated labels; at least two labels; no trailing dot.
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isDomainName(s: string): boolean {
  return DOMAIN.test(s);
}

/** The domain of an e-mail address, lower-case, or null when it is not one address with one "@". */
export function emailDomain(email: string): string | null {
  const at = email.indexOf("@");
  if (at <= 0 || at !== email.lastIndexOf("@")) return null;
  const domain = email.slice(at + 1).toLowerCase();
  return isDomainName(domain) ? domain : null;
}

/** Exact domain match, case-insensitive: "corp.example" allows a@corp.example, never a@evil-corp.example or a@corp.example.evil. */
export function emailDomainAllowed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = emailDomain(email);
  return domain !== null && allowedDomains.some((d) => d.toLowerCase() === domain);
}

/** The values of the role claim: a string, or the strings of an array (groups); anything else is no value. */
export function claimValues(claim: unknown): string[] {
  if (typeof claim === "string") return [claim];
  if (Array.isArray(claim)) return claim.filter((v): v is string => typeof v === "string");
  return [];
}

export type RoleRules = { roleClaim: string | null; roleMap: Record<string, string>; defaultRole: Role };

/**
 * The role a person created on first sign-in gets: the first mapping line (in the
 * administrator's order) whose claim value the ID token carries, else the default role.
 * Null when that role does not fit the organisation's kind.
 */
export function roleForNewPerson(claims: Record<string, unknown>, rules: RoleRules, orgKind: OrgKind): Role | null {
  let role: string = rules.defaultRole;
  if (rules.roleClaim && Object.hasOwn(claims, rules.roleClaim)) {
    const values = new Set(claimValues(claims[rules.roleClaim]));
    const match = Object.entries(rules.roleMap).find(([value]) => values.has(value));
    if (match) role = match[1];
  }
  const known = (ROLES as readonly string[]).includes(role) ? (role as Role) : null;
  return known && roleFitsOrgKind(known, orgKind) ? known : null;
}

/** A name for a new person: the ID token's name, else the e-mail's local part; no control characters, at most 120 characters. */
export function nameFromClaims(claims: Record<string, unknown>, email: string): string {
  const raw = typeof claims.name === "string" ? claims.name : "";
  const clean = Array.from(raw.replace(/[\u0000-\u001f\u007f-\u009f]/g, " ").trim())
    .slice(0, 120)
    .join("")
    .trim();
  return clean.isWellFormed() && clean ? clean : email.slice(0, email.indexOf("@")).slice(0, 120);
}

/** Plain-English explanations of the refusals, shown on the login page. */
export const SSO_REFUSAL_MESSAGES: Record<SsoRefusal, string> = {
  email_not_verified:
    "Your organisation's sign-in service did not confirm that your e-mail address is verified, so Ringfence cannot sign you in with it. Ask your organisation's IT team to verify the address.",
  domain_not_allowed:
    "Your e-mail address is not in a domain this organisation allows for Ringfence. Sign in with your work address, or ask your Ringfence administrator to allow the domain.",
  unknown_account: "There is no Ringfence account for your e-mail address in this organisation. Ask your Ringfence administrator to add you.",
  other_organisation:
    "Your e-mail address belongs to a Ringfence account in another organisation, so it cannot sign in through this organisation's sign-in service.",
  inactive_account: "Your Ringfence account has been deactivated. Ask your Ringfence administrator if you need access again.",
  provider_disabled: "This organisation's single sign-on is switched off. Ask your Ringfence administrator.",
  role_not_allowed:
    "Ringfence could not give you a role that fits this organisation. Ask your Ringfence administrator to check the single sign-on role mapping.",
};
