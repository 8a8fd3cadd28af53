import { OFFICER, REVIEW, VENDOR, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Published reports, previews, exports and public summaries. The sample report is Cobalt's:
// the demo's Aegis people (officer, contributor) are another vendor, so they must get not-found.
const READERS = [...REVIEW, "gov_observer", "admin"] as const;

export const PAGES: PageEntries = {
  "app/(portal)/reports/[reportId]/page.tsx": { url: "/reports/{cobaltReport}", access: READERS },
  "app/(portal)/review/[attestationId]/report/page.tsx": { url: "/review/{decidedReview}/report", access: REVIEW },
  // Aegis's published attestation: its officer and contributor are sent on to the report; nobody else gets in.
  "app/(portal)/vendor/attestations/[id]/report/page.tsx": { url: "/vendor/attestations/{publishedAttestation}/report", access: VENDOR },
  "app/(public)/public/reports/page.tsx": { url: "/public/reports", access: "public" },
  "app/up/page.tsx": { url: "/up", access: "public" },
  "app/(public)/public/reports/[reportId]/page.tsx": { url: "/public/reports/{publicReport}", access: "public" },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/reports/[reportId]/export/route.ts": { url: "/api/reports/{cobaltReport}/export?format=csv", methods: { GET: READERS } },
  "app/api/reports/export/route.ts": { url: "/api/reports/export?format=csv", methods: { GET: READERS } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/review/[attestationId]/actions.ts#publishReportAction": REVIEW,
  "app/(portal)/vendor/attestations/[id]/report/actions.ts#saveReportPreparationAction": OFFICER,
};

export const SAMPLES: SampleEntries = {
  cobaltReport: { as: "observer", page: "/reports?period=all", pattern: /\/reports\/([0-9a-f-]{36})"[^>]*>Cobalt Shield/ },
  publicReport: { as: "observer", page: "/public/reports", pattern: /\/public\/reports\/([0-9a-f-]{36})/ },
  // The decided Bastion revision (db/seed/reviews.ts): its panel's reconciliation page offers the preview.
  decidedReview: { as: "reviewer", page: "/review", pattern: /\/review\/([0-9a-f-]{36})"(?:(?!<\/tr>|<\/li>)[\s\S])*?Decided/ },
  publishedAttestation: { as: "officer", page: "/vendor/attestations", pattern: /\/vendor\/attestations\/([0-9a-f-]{36})"(?:(?!<\/tr>)[\s\S])*?>Published</ },
};
