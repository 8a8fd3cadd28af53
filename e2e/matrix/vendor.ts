import { OFFICER, VENDOR, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Entries for the vendor pages, route handlers and actions.
export const PAGES: PageEntries = {
  "app/(portal)/vendor/products/page.tsx": { url: "/vendor/products", access: VENDOR },
  "app/(portal)/vendor/products/new/page.tsx": { url: "/vendor/products/new", access: OFFICER },
  "app/(portal)/vendor/products/[productId]/page.tsx": { url: "/vendor/products/{product}", access: VENDOR },
  "app/(portal)/vendor/products/[productId]/edit/page.tsx": { url: "/vendor/products/{product}/edit", access: OFFICER },
  "app/(portal)/vendor/attestations/page.tsx": { url: "/vendor/attestations", access: VENDOR },
  "app/(portal)/vendor/attestations/new/page.tsx": { url: "/vendor/attestations/new", access: VENDOR },
  "app/(portal)/vendor/attestations/[id]/page.tsx": { url: "/vendor/attestations/{attestation}", access: VENDOR },
  "app/(portal)/vendor/attestations/[id]/submit/page.tsx": { url: "/vendor/attestations/{attestation}/submit", access: VENDOR },
  "app/(portal)/vendor/attestations/[id]/verify/page.tsx": { url: "/vendor/attestations/{attestation}/verify", access: VENDOR },
  "app/(portal)/vendor/attestations/[id]/compare/page.tsx": { url: "/vendor/attestations/{attestation}/compare", access: VENDOR },
  "app/(portal)/vendor/evidence/page.tsx": { url: "/vendor/evidence", access: VENDOR },
  "app/(portal)/vendor/evidence/new/page.tsx": { url: "/vendor/evidence/new", access: VENDOR },
  "app/(portal)/vendor/evidence/[evidenceId]/page.tsx": { url: "/vendor/evidence/{evidence}", access: VENDOR },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/evidence/upload/route.ts": { url: "/api/evidence/upload", methods: { POST: VENDOR } },
  "app/api/evidence/[id]/download/route.ts": { url: "/api/evidence/{evidence}/download", methods: { GET: VENDOR } },
  "app/api/evidence/[id]/versions/route.ts": { url: "/api/evidence/{evidence}/versions", methods: { POST: VENDOR } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/vendor/products/actions.ts#createProductAction": OFFICER,
  "app/(portal)/vendor/products/actions.ts#updateProductAction": OFFICER,
  "app/(portal)/vendor/attestations/actions.ts#startAttestationAction": VENDOR,
  "app/(portal)/vendor/attestations/[id]/actions.ts#saveAnswerAction": VENDOR,
  "app/(portal)/vendor/attestations/[id]/actions.ts#setEvidenceLinksAction": VENDOR,
  "app/(portal)/vendor/attestations/[id]/actions.ts#withdrawAttestationAction": OFFICER,
  "app/(portal)/vendor/attestations/[id]/submit/actions.ts#submitAttestationAction": OFFICER,
  "app/(portal)/vendor/attestations/[id]/submit/actions.ts#createRevisionAction": OFFICER,
  "app/(portal)/vendor/evidence/actions.ts#createUrlEvidenceAction": VENDOR,
  "app/(portal)/vendor/evidence/actions.ts#updateEvidenceAction": VENDOR,
  "app/(portal)/vendor/evidence/actions.ts#setEvidenceRetiredAction": VENDOR,
  "app/(portal)/vendor/evidence/actions.ts#deleteEvidenceAction": VENDOR,
  "app/(portal)/vendor/evidence/actions.ts#searchEvidenceAction": VENDOR,
};

// The seed gives Aegis a draft attestation and a file in its vault (db/seed/vendor-work.ts).
export const SAMPLES: SampleEntries = {
  product: { as: "officer", page: "/vendor/products", pattern: /\/vendor\/products\/([0-9a-f-]{36})/ },
  attestation: { as: "officer", page: "/vendor/attestations", pattern: /\/vendor\/attestations\/([0-9a-f-]{36})/ },
  evidence: { as: "officer", page: "/vendor/evidence", pattern: /\/vendor\/evidence\/([0-9a-f-]{36})/ },
};
