import { OFFICER, VENDOR, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Entries for the rollouts pages, route handlers and actions.
export const PAGES: PageEntries = {
  "app/(portal)/vendor/rollouts/page.tsx": { url: "/vendor/rollouts", access: VENDOR },
  "app/(portal)/vendor/rollouts/new/page.tsx": { url: "/vendor/rollouts/new", access: VENDOR },
  "app/(portal)/vendor/rollouts/upload/page.tsx": { url: "/vendor/rollouts/upload", access: VENDOR },
  "app/(portal)/vendor/rollouts/api/page.tsx": { url: "/vendor/rollouts/api", access: VENDOR },
  "app/(portal)/vendor/rollouts/tokens/page.tsx": { url: "/vendor/rollouts/tokens", access: OFFICER },
  "app/(portal)/vendor/rollouts/[id]/page.tsx": { url: "/vendor/rollouts/{rollout}", access: VENDOR },
};

export const SAMPLES: SampleEntries = {
  rollout: { as: "officer", page: "/vendor/rollouts", pattern: /\/vendor\/rollouts\/([0-9a-f-]{36})/ },
};

/**
 * The /api/v1/rollouts endpoints authenticate by API token only, never by
 * session: every session role (and anonymous) is refused with 401, hence no
 * role here. Token checks are in test/integration/rollouts-api.test.ts.
 */
const TOKEN_ONLY = [] as const;

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/v1/rollouts/route.ts": { url: "/api/v1/rollouts", methods: { GET: TOKEN_ONLY, POST: TOKEN_ONLY } },
  "app/api/v1/rollouts/[id]/route.ts": { url: "/api/v1/rollouts/{rollout}", methods: { GET: TOKEN_ONLY } },
  "app/api/v1/rollouts/[id]/events/route.ts": { url: "/api/v1/rollouts/{rollout}/events", methods: { POST: TOKEN_ONLY } },
  "app/api/v1/rollouts/dry-run/route.ts": { url: "/api/v1/rollouts/dry-run", methods: { POST: TOKEN_ONLY } },
  "app/api/v1/rollouts/schema.json/route.ts": { url: "/api/v1/rollouts/schema.json", methods: { GET: "public" } },
  "app/api/v1/rollouts/template.csv/route.ts": { url: "/api/v1/rollouts/template.csv", methods: { GET: "public" } },
  "app/api/v1/openapi.json/route.ts": { url: "/api/v1/openapi.json", methods: { GET: "public" } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/vendor/rollouts/actions.ts#createRolloutAction": VENDOR,
  "app/(portal)/vendor/rollouts/actions.ts#uploadRolloutAction": VENDOR,
  "app/(portal)/vendor/rollouts/actions.ts#addRolloutToEvidenceAction": VENDOR,
  "app/(portal)/vendor/rollouts/actions.ts#reanalyseRolloutAction": VENDOR,
  "app/(portal)/vendor/rollouts/tokens/actions.ts#createApiTokenAction": OFFICER,
  "app/(portal)/vendor/rollouts/tokens/actions.ts#revokeApiTokenAction": OFFICER,
};
