/** Roles and organisation kinds (DOMAIN.md §2). Safe to import from client components. */
export const ROLES = ["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ["vendor", "platform", "government", "operator"] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** The one organisation kind each role belongs to. The database enforces the same rule. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = {
  vendor_officer: "vendor",
  vendor_contributor: "vendor",
  platform_reviewer: "platform",
  gov_auditor: "government",
  gov_observer: "government",
  admin: "operator",
};

export const ROLE_LABELS: Record<Role, string> = {
  vendor_officer: "Vendor compliance officer",
  vendor_contributor: "Vendor contributor",
  platform_reviewer: "Platform reviewer",
  gov_auditor: "Government auditor",
  gov_observer: "Government observer",
  admin: "Administrator",
};

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  vendor: "Security vendor",
  platform: "OS platform company",
  government: "Government agency",
  operator: "Portal operator",
};

export function rolesForOrgKind(kind: OrgKind): Role[] {
  return ROLES.filter((r) => ROLE_ORG_KIND[r] === kind);
}

export function roleFitsOrgKind(role: Role, kind: OrgKind): boolean {
  return ROLE_ORG_KIND[role] === kind;
}
