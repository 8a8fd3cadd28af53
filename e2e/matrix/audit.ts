import { ADMIN, REVIEW, VENDOR, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// The transparency log: browsing (administrators and government auditors), the
// administrator's verify page, the public checkpoint routes and the receipts.
export const PAGES: PageEntries = {
  "app/(portal)/audit/page.tsx": { url: "/audit", access: ["gov_auditor", "admin"] },
  "app/(portal)/admin/log/page.tsx": { url: "/admin/log", access: ADMIN },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/audit/events/route.ts": { url: "/api/audit/events?limit=5", methods: { GET: ["gov_auditor", "admin"] } },
  "app/api/log/checkpoint/route.ts": { url: "/api/log/checkpoint", methods: { GET: "public" } },
  "app/api/log/key/route.ts": { url: "/api/log/key", methods: { GET: "public" } },
  "app/api/log/checkpoints/route.ts": { url: "/api/log/checkpoints", methods: { GET: "public" } },
  "app/api/log/consistency/route.ts": { url: "/api/log/consistency?from=0&to={checkpointSize}", methods: { GET: "public" } },
  // Aegis's published attestation: its people and its seated panel (the demo reviewer and auditor) only.
  "app/api/receipts/[kind]/[id]/route.ts": { url: "/api/receipts/submission/{publishedAttestation}", methods: { GET: [...VENDOR, ...REVIEW] } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/admin/log/actions.ts#verifyLogAction": ADMIN,
  "app/(portal)/admin/log/actions.ts#signCheckpointAction": ADMIN,
};

export const SAMPLES: SampleEntries = {
  // The checkpoint worker signs one when the server starts; /api/log/checkpoint signs one if none exists.
  checkpointSize: { as: "admin", page: "/api/log/checkpoints", pattern: /"treeSize":(\d+)/ },
};
