import { ADMIN, OFFICER, REVIEW, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Entries for review panels, scoring, reconciliation and decisions.
export const PAGES: PageEntries = {
  "app/(portal)/review/[attestationId]/page.tsx": { url: "/review/{review}", access: REVIEW },
  "app/(portal)/review/[attestationId]/score/page.tsx": { url: "/review/{review}/score", access: REVIEW },
  "app/(portal)/review/[attestationId]/reconcile/page.tsx": { url: "/review/{review}/reconcile", access: REVIEW },
  "app/(portal)/admin/reviews/page.tsx": { url: "/admin/reviews", access: ADMIN },
  "app/(portal)/admin/reviews/[attestationId]/page.tsx": { url: "/admin/reviews/{adminReview}", access: ADMIN },
};

export const ROUTE_HANDLERS: HandlerEntries = {
  "app/api/review/[attestationId]/evidence/[evidenceId]/route.ts": { url: "/api/review/{reviewFile}", methods: { GET: REVIEW } },
};

export const ACTIONS: ActionEntries = {
  "app/(portal)/review/[attestationId]/actions.ts#declareConflictAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#saveScoreAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#submitScorecardAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#requestChangesAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#addCommentAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#recordConsensusAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#recordFindingAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#signDecisionAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#cosignDecisionAction": REVIEW,
  "app/(portal)/review/[attestationId]/actions.ts#reviewRemediationAction": REVIEW,
  "app/(portal)/vendor/attestations/[id]/review/actions.ts#closeRemediationAction": OFFICER,
  "app/(portal)/admin/reviews/actions.ts#assignPanelAction": ADMIN,
  "app/(portal)/admin/reviews/actions.ts#updatePanelAction": ADMIN,
};

// The seed puts the demo reviewer and auditor on three Bastion panels (db/seed/reviews.ts).
export const SAMPLES: SampleEntries = {
  review: { as: "reviewer", page: "/review", pattern: /\/review\/([0-9a-f-]{36})/ },
  adminReview: { as: "admin", page: "/admin/reviews", pattern: /\/admin\/reviews\/([0-9a-f-]{36})/ },
  // A file of a submission, as the scoring page links it: "<attestation>/evidence/<item>?version=N".
  reviewFile: { as: "reviewer", page: "/review/{review}/score", pattern: /\/api\/review\/([0-9a-f-]{36}\/evidence\/[0-9a-f-]{36}\?version=\d+)/ },
};
