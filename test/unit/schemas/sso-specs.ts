import fc from "fast-check";
import * as sso from "@/lib/validations/sso";
import { ROLES } from "@/lib/auth/roles";
import { bool, checkStorable, chars, custom, fail, oneOf, text, uuid, type Shape } from "@/test/helpers/shape";
import { object, type SpecTable } from "./spec";

const S = "lib/validations/sso.ts";

// Written apart from the schema: what an accepted provider form promises.
const DNS = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$|^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]$/;
const LOOPBACK = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i;

const issuer: Shape = custom(fc.constantFrom("https://login.agency.example/realms/staff", "http://127.0.0.1:3261", "https://id.example.org/"), (o, _i, p) => {
  if (typeof o !== "string") return fail(p, "not a string", o);
  checkStorable(o, p, false);
  if (!/^https:\/\//i.test(o) && !LOOPBACK.test(o)) fail(p, "neither https nor a loopback http issuer", o);
  if (o.includes("?") || o.includes("#") || chars(o) > 500) fail(p, "query, fragment or too long", o);
});

const domains: Shape = custom(fc.constantFrom("agency.example", "a.example\nB.example", "x.example, y.example"), (o, _i, p) => {
  if (!Array.isArray(o)) return fail(p, "not a list", o);
  if (o.length < 1 || o.length > sso.SSO_MAX_DOMAINS) fail(p, `${o.length} domains`);
  if (new Set(o).size !== o.length) fail(p, "a domain listed twice", o);
  for (const d of o) if (typeof d !== "string" || d !== d.toLowerCase() || !DNS.test(d) || d.length > 253) fail(p, "not a lower-case domain name", d);
});

const mapping: Shape = custom(fc.constantFrom("", "auditors = Government auditor", "a = gov_observer\nb = gov_auditor", undefined), (o, _i, p) => {
  if (!Array.isArray(o)) return fail(p, "not a list", o);
  if (o.length > sso.SSO_MAX_MAPPINGS) fail(p, `${o.length} lines`);
  const values = new Set<string>();
  for (const m of o as { value: unknown; role: unknown }[]) {
    if (typeof m.value !== "string" || chars(m.value) < 1 || chars(m.value) > 100 || m.value !== m.value.trim()) fail(p, "bad claim value", m.value);
    checkStorable(m.value as string, p, false);
    if (values.has(m.value as string)) fail(p, "a claim value twice", m.value);
    values.add(m.value as string);
    if (!(ROLES as readonly unknown[]).includes(m.role)) fail(p, "not a role", m.role);
  }
});

const defaulted = (s: Shape, value: unknown): Shape => ({
  ...s,
  gen: fc.option(s.gen, { nil: undefined }),
  optional: true,
  check: (o, i, p) => (i === undefined ? void (o !== value && fail(p, "default not applied", o)) : s.check(o, i, p)),
});

export const SSO_SPECS: SpecTable = {
  [`${S}#ssoSignInSchema`]: {
    schema: sso.ssoSignInSchema,
    shape: object({
      providerId: uuid(),
      next: { ...text(0, 2000, { raw: true }), optional: true, check: (o, i, p) => void (o !== undefined && text(0, 2000, { raw: true }).check(o, i, p)) },
    }),
  },
  [`${S}#passwordSignInSchema`]: { schema: sso.passwordSignInSchema, shape: object({ organisationId: uuid(), allowed: bool() }) },
  [`${S}#removeSsoProviderSchema`]: { schema: sso.removeSsoProviderSchema, shape: object({ organisationId: uuid() }) },
  [`${S}#ssoProviderSchema`]: {
    schema: sso.ssoProviderSchema,
    shape: object(
      {
        organisationId: uuid(),
        name: text(1, 80),
        issuer,
        clientId: text(1, 500),
        clientSecret: defaulted(text(0, 2000), ""),
        allowedDomains: domains,
        defaultRole: oneOf(ROLES),
        roleClaim: defaulted(text(0, 100), ""),
        roleMapping: {
          ...mapping,
          optional: true,
          check: (o, i, p) => (i === undefined ? void ((!Array.isArray(o) || o.length > 0) && fail(p, "absent, so should be []", o)) : mapping.check(o, i, p)),
        },
        createUsers: bool(),
        enabled: bool(),
      },
      {
        also(out, _in, p) {
          if (!Array.isArray(out.roleMapping)) fail(`${p}.roleMapping`, "absent", out.roleMapping);
          if ((out.roleMapping as unknown[]).length > 0 && !out.roleClaim) fail(p, "a mapping without a role claim");
        },
      },
    ),
  },
};
