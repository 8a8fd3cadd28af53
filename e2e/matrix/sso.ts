import { ADMIN, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Single sign-on: the login page's "Sign in with …" buttons (anyone), and the organisation
// page's single sign-on section (administrators). Its pages (/login, /admin/organisations/{org})
// and Auth.js's callback route are listed in core.ts.
export const PAGES: PageEntries = {};

export const ROUTE_HANDLERS: HandlerEntries = {};

export const ACTIONS: ActionEntries = {
  "app/(auth)/login/actions.ts#ssoSignInAction": "public",
  "app/(portal)/admin/organisations/[id]/actions.ts#saveSsoProviderAction": ADMIN,
  "app/(portal)/admin/organisations/[id]/actions.ts#removeSsoProviderAction": ADMIN,
  "app/(portal)/admin/organisations/[id]/actions.ts#setPasswordSignInAction": ADMIN,
};

export const SAMPLES: SampleEntries = {};
