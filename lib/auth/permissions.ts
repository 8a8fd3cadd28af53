import type { Role } from "./roles";

/**
 * What each role may do. Every server action and route handler checks one of
 * these through requirePermission(); the e2e matrix test checks the result.
 */
export const PERMISSIONS = {
  vendor_officer: ["portal.use", "vendor.workspace", "vendor.products", "vendor.submit", "vendor.tokens", "catalog.read", "account.manage"],
  vendor_contributor: ["portal.use", "vendor.workspace", "catalog.read", "account.manage"],
  platform_reviewer: ["portal.use", "review.use", "catalog.read", "reports.read", "account.manage"],
  gov_auditor: ["portal.use", "review.use", "catalog.read", "reports.read", "audit.read", "account.manage"],
  gov_observer: ["portal.use", "reports.read", "catalog.read", "account.manage"],
  admin: [
    "portal.use",
    "admin.organisations",
    "admin.users",
    "admin.reviews",
    "admin.outbox",
    "catalog.read",
    "catalog.manage",
    "reports.read",
    "audit.read",
    "audit.verify",
    "account.manage",
  ],
} as const satisfies Record<Role, readonly string[]>;

export type Permission = (typeof PERMISSIONS)[Role][number];

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[role] as readonly string[]).includes(permission);
}

export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(PERMISSIONS) as Role[]).filter((r) => can(r, permission));
}
