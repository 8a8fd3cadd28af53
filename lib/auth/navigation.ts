import type { Permission } from "./permissions";
import { can } from "./permissions";
import type { Role } from "./roles";

export type NavItem = { href: string; label: string; permission: Permission };

/** The shell's navigation; each item shows only for roles that hold its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/vendor", label: "Workspace", permission: "vendor.workspace" },
  { href: "/vendor/products", label: "Products", permission: "vendor.workspace" },
  { href: "/vendor/attestations", label: "Attestations", permission: "vendor.workspace" },
  { href: "/vendor/evidence", label: "Evidence", permission: "vendor.workspace" },
  { href: "/vendor/rollouts", label: "Rollouts", permission: "vendor.workspace" },
  { href: "/review", label: "Reviews", permission: "review.use" },
  { href: "/reports", label: "Reports", permission: "reports.read" },
  { href: "/catalog", label: "Catalog", permission: "catalog.read" },
  { href: "/admin", label: "Administration", permission: "admin.organisations" },
  { href: "/admin/catalog", label: "Catalog editor", permission: "catalog.manage" },
  { href: "/admin/organisations", label: "Organisations", permission: "admin.organisations" },
  { href: "/admin/users", label: "People", permission: "admin.users" },
  { href: "/admin/reviews", label: "Review panels", permission: "admin.reviews" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/account", label: "Account", permission: "account.manage" },
];

export function navFor(role: Role): NavItem[] {
  return NAV_ITEMS.filter((i) => can(role, i.permission));
}

/** Where each role starts. */
export const LANDING: Record<Role, string> = {
  vendor_officer: "/vendor",
  vendor_contributor: "/vendor",
  platform_reviewer: "/review",
  gov_auditor: "/review",
  gov_observer: "/reports",
  admin: "/admin",
};
