import { z } from "zod";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { isDomainName, issuerProblem } from "@/lib/auth/sso-rules";
import { safeMultiline, safeText, wellFormed } from "./common";

/** Starting a sign-in through an organisation's identity provider (the login page's buttons). */
export const ssoSignInSchema = z.object({
  providerId: z.string().uuid(),
  next: wellFormed(2000).optional(),
});

export const SSO_MAX_DOMAINS = 50;
export const SSO_MAX_MAPPINGS = 50;

/** Domains typed one per line (commas and spaces also separate): lower-case, each once, each a DNS name. */
const domainList = safeMultiline(2000).transform((text, ctx) => {
  const domains = [
    ...new Set(
      text
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((d) => d.toLowerCase()),
    ),
  ];
  const bad = domains.find((d) => !isDomainName(d));
  if (bad !== undefined)
    ctx.addIssue({ code: "custom", message: `“${bad.slice(0, 80)}” is not a domain name. Write domains such as agency.example.org, without “@”.` });
  else if (domains.length === 0) ctx.addIssue({ code: "custom", message: "Enter at least one e-mail domain, such as agency.example.org." });
  else if (domains.length > SSO_MAX_DOMAINS) ctx.addIssue({ code: "custom", message: `List at most ${SSO_MAX_DOMAINS} domains.` });
  return domains;
});

/** A role written as its key (gov_auditor) or its label (Government auditor), any case. */
export function roleFromText(text: string): Role | null {
  const t = text.trim().toLowerCase();
  return ROLES.find((r) => r === t || ROLE_LABELS[r].toLowerCase() === t) ?? null;
}

/** Mapping lines "claim value = role": the first line whose value the ID token carries decides. */
const roleMapping = safeMultiline(4000).transform((text, ctx) => {
  const lines = text.split(/\r\n|\r|\n/).map((l) => l.trim());
  const out: { value: string; role: Role }[] = [];
  for (const [i, line] of lines.entries()) {
    if (!line) continue;
    const eq = line.lastIndexOf("=");
    const value = eq > 0 ? line.slice(0, eq).trim() : "";
    const role = eq > 0 ? roleFromText(line.slice(eq + 1)) : null;
    if (!value || value.length > 100 || !role) {
      ctx.addIssue({
        code: "custom",
        message: `Line ${i + 1}: write “claim value = role”, such as “auditors = Government auditor”, with a value of at most 100 characters.`,
      });
      return out;
    }
    if (!out.some((m) => m.value === value)) out.push({ value, role });
  }
  if (out.length > SSO_MAX_MAPPINGS) ctx.addIssue({ code: "custom", message: `Use at most ${SSO_MAX_MAPPINGS} mapping lines.` });
  return out;
});

/**
 * Registering or editing an organisation's OpenID Connect provider. The client secret is
 * write-only: blank on an edit keeps the stored one (the server requires it on creation).
 */
export const ssoProviderSchema = z
  .object({
    organisationId: z.string().uuid(),
    name: safeText(80).min(1, "Enter the name people see on the sign-in button."),
    issuer: safeText(500)
      .min(1, "Enter the provider's issuer URL.")
      .superRefine((s, ctx) => {
        const problem = s ? issuerProblem(s) : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    clientId: safeText(500).min(1, "Enter the client id the provider gave Ringfence."),
    clientSecret: safeText(2000).optional().default(""),
    allowedDomains: domainList,
    defaultRole: z.enum(ROLES, { message: "Choose the role new people get." }),
    roleClaim: safeText(100).optional().default(""),
    roleMapping: roleMapping.optional().default([]),
    createUsers: z.boolean(),
    enabled: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.roleMapping.length > 0 && !v.roleClaim)
      ctx.addIssue({ code: "custom", path: ["roleClaim"], message: "Name the claim the mapping reads, such as “groups”." });
  });
export type SsoProviderInput = z.input<typeof ssoProviderSchema>;
export type SsoProviderValues = z.output<typeof ssoProviderSchema>;

/** Whether an organisation's people may sign in with a password. */
export const passwordSignInSchema = z.object({ organisationId: z.string().uuid(), allowed: z.boolean() });

/** Removing an organisation's provider. */
export const removeSsoProviderSchema = z.object({ organisationId: z.string().uuid() });
