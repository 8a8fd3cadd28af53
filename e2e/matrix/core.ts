import type { Role } from "../../lib/auth/roles";

/**
 * Who may use every page, route handler and server action, written out by hand
 * (not derived from the permission table) so the matrix test checks that table.
 * A new page, handler or action without an entry in e2e/matrix/*.ts fails the test.
 */
export type Access = "public" | readonly Role[];
export type PageEntries = Record<string, { url: string; access: Access }>;
export type HandlerEntries = Record<string, { url: string; methods: Record<string, Access> }>;
export type ActionEntries = Record<string, Access>;
/** How to find a real id for a URL placeholder: open `page` as `as` and take the first match of `pattern`'s group 1. */
export type SampleEntries = Record<string, { as: "officer" | "contributor" | "reviewer" | "auditor" | "observer" | "admin"; page: string; pattern: RegExp }>;

export const VENDOR = ["vendor_officer", "vendor_contributor"] as const;
export const OFFICER = ["vendor_officer"] as const;
export const REVIEW = ["platform_reviewer", "gov_auditor"] as const;
export const EVERYONE = ["vendor_officer", "vendor_contributor", "platform_reviewer", "gov_auditor", "gov_observer", "admin"] as const;
export const ADMIN = ["admin"] as const;

/** URLs may hold placeholders such as {org} and {user}: ids the matrix test looks up (see SAMPLE_IDS in matrix.spec.ts). */
export const PAGES: PageEntries = {
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

export const SAMPLES: SampleEntries = {
  org: { as: "admin", page: "/admin/organisations", pattern: /\/admin\/organisations\/([0-9a-f-]{36})/ },
  user: { as: "admin", page: "/admin/users", pattern: /\/admin\/users\/([0-9a-f-]{36})/ },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/health/route.ts": { url: "/api/health", methods: { GET: "public" } },
  // Auth.js's own endpoints (session, CSRF token, sign-in callback, sign-out).
  "app/api/auth/[...nextauth]/route.ts": { url: "/api/auth/session", methods: { GET: "public", POST: "public" } },
};

/** Keyed by "<file>#<export>", as the build's server-reference manifest names them. */
export const ACTIONS: ActionEntries = {
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
