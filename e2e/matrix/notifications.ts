import { ADMIN, EVERYONE, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Notifications belong to one person each: every role has its own list. The open route is
// probed with an id nobody owns, which a signed-in person is sent back to the list for
// (303) and an anonymous caller is refused (401); ownership is tested in
// test/integration/notifications.test.ts and e2e/notifications.spec.ts.
export const PAGES: PageEntries = {
  "app/(portal)/notifications/page.tsx": { url: "/notifications", access: EVERYONE },
  "app/(portal)/admin/outbox/page.tsx": { url: "/admin/outbox", access: ADMIN },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/(portal)/notifications/[id]/open/route.ts": { url: "/notifications/00000000-0000-4000-8000-000000000000/open", methods: { GET: EVERYONE } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/notifications/actions.ts#markNotificationReadAction": EVERYONE,
  "app/(portal)/notifications/actions.ts#markAllNotificationsReadAction": EVERYONE,
};

export const SAMPLES: SampleEntries = {};
