import type { Role } from "../lib/auth/roles";

/**
 * Who may use every page, route handler and server action, written out by hand
 * (not derived from the permission table) so the matrix test checks that table.
 * A new page, handler or action without an entry here fails the test.
 */
export type Access = "public" | readonly Role[];

const VENDOR = ["vendor_officer", "vendor_contributor"] as const;
const REVIEW = ["platform_reviewer", "gov_auditor"] as const;
const EVERYONE = ["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"] as const;
const ADMIN = ["admin"] as const;

/** URLs may hold {org} and {user}: ids the test looks up as an administrator. */
export const PAGES: Record<string, { url: string; access: Access }> = {
  "app/(auth)/login/page.tsx": { url: "/login", access: "public" },
  "app/(auth)/set-password/[token]/page.tsx": { url: "/set-password/this-token-does-not-exist-000000", access: "public" },
  "app/(portal)/page.tsx": { url: "/", access: EVERYONE },
  "app/(portal)/account/page.tsx": { url: "/account", access: EVERYONE },
  "app/(portal)/vendor/page.tsx": { url: "/vendor", access: VENDOR },
  "app/(portal)/review/page.tsx": { url: "/review", access: REVIEW },
  "app/(portal)/reports/page.tsx": { url: "/reports", access: [...REVIEW, "gov_observer", "admin"] },
  "app/(portal)/admin/page.tsx": { url: "/admin", access: ADMIN },
  "app/(portal)/admin/organisations/page.tsx": { url: "/admin/organisations", access: ADMIN },
  "app/(portal)/admin/organisations/new/page.tsx": { url: "/admin/organisations/new", access: ADMIN },
  "app/(portal)/admin/organisations/[id]/page.tsx": { url: "/admin/organisations/{org}", access: ADMIN },
  "app/(portal)/admin/users/page.tsx": { url: "/admin/users", access: ADMIN },
  "app/(portal)/admin/users/new/page.tsx": { url: "/admin/users/new", access: ADMIN },
  "app/(portal)/admin/users/[id]/page.tsx": { url: "/admin/users/{user}", access: ADMIN },
};

export const ROUTE_HANDLERS: Record<string, { url: string; methods: Record<string, Access> }> = {
  "app/api/health/route.ts": { url: "/api/health", methods: { GET: "public" } },
  // Auth.js's own endpoints (session, CSRF token, sign-in callback, sign-out).
  "app/api/auth/[...nextauth]/route.ts": { url: "/api/auth/session", methods: { GET: "public", POST: "public" } },
};

/** Keyed by "<file>#<export>", as the build's server-reference manifest names them. */
export const ACTIONS: Record<string, Access> = {
  "app/(auth)/actions.ts#signInAction": "public",
  "app/(auth)/actions.ts#signOutAction": "public",
  "app/(auth)/set-password/actions.ts#setPasswordAction": "public",
  "app/(portal)/account/actions.ts#changePasswordAction": EVERYONE,
  "app/(portal)/account/actions.ts#signOutEverywhereAction": EVERYONE,
  "app/(portal)/admin/organisations/actions.ts#createOrganisationAction": ADMIN,
  "app/(portal)/admin/organisations/actions.ts#updateOrganisationAction": ADMIN,
  "app/(portal)/admin/users/actions.ts#createUserAction": ADMIN,
  "app/(portal)/admin/users/actions.ts#updateUserAction": ADMIN,
  "app/(portal)/admin/users/actions.ts#setUserActiveAction": ADMIN,
  "app/(portal)/admin/users/actions.ts#createPasswordLinkAction": ADMIN,
};
