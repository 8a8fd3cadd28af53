import { ADMIN, EVERYONE, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Second factors. The sign-in steps after the password act on the caller's own session:
// anyone signed in reaches them (a ready session is sent on), nobody without a session does.
// Factor actions take the session, never a user id, so they only ever touch the caller's own
// factors. The policy and the reset of someone else's factors are administrators' only.
export const PAGES: PageEntries = {
  "app/(auth)/login/factor/page.tsx": { url: "/login/factor", access: EVERYONE },
  "app/(auth)/login/enrol/page.tsx": { url: "/login/enrol", access: EVERYONE },
  "app/(portal)/account/security/page.tsx": { url: "/account/security", access: EVERYONE },
  "app/(portal)/admin/security/page.tsx": { url: "/admin/security", access: ADMIN },
};

export const ROUTE_HANDLERS: HandlerEntries = {};

export const ACTIONS: ActionEntries = {
  "app/(auth)/factor-actions.ts#verifyTotpAction": EVERYONE,
  "app/(auth)/factor-actions.ts#verifyRecoveryCodeAction": EVERYONE,
  "app/(auth)/factor-actions.ts#passkeyOptionsAction": EVERYONE,
  "app/(auth)/factor-actions.ts#verifyPasskeyAction": EVERYONE,
  "app/(auth)/factor-actions.ts#startTotpEnrolmentAction": EVERYONE,
  "app/(auth)/factor-actions.ts#confirmTotpEnrolmentAction": EVERYONE,
  "app/(auth)/factor-actions.ts#passkeyRegistrationOptionsAction": EVERYONE,
  "app/(auth)/factor-actions.ts#registerPasskeyAction": EVERYONE,
  "app/(auth)/factor-actions.ts#regenerateRecoveryCodesAction": EVERYONE,
  "app/(auth)/factor-actions.ts#removeFactorAction": EVERYONE,
  "app/(auth)/factor-actions.ts#factorKindsAction": EVERYONE,
  "app/(portal)/admin/security/actions.ts#setMfaPolicyAction": ADMIN,
  "app/(portal)/admin/security/actions.ts#resetFactorsAction": ADMIN,
};

export const SAMPLES: SampleEntries = {};
