import { ADMIN, EVERYONE, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Sessions people can see and end: everyone their own (the user id comes from the session),
// administrators all of a person's.
export const PAGES: PageEntries = {
  "app/(portal)/account/sessions/page.tsx": { url: "/account/sessions", access: EVERYONE },
};

export const ROUTE_HANDLERS: HandlerEntries = {};

export const ACTIONS: ActionEntries = {
  "app/(portal)/account/sessions/actions.ts#endSessionAction": EVERYONE,
  "app/(portal)/account/sessions/actions.ts#endOtherSessionsAction": EVERYONE,
  "app/(portal)/admin/users/[id]/actions.ts#endUserSessionsAction": ADMIN,
};

export const SAMPLES: SampleEntries = {};
