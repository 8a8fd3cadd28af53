import { OFFICER, REVIEW, VENDOR, type ActionEntries, type HandlerEntries, type PageEntries, type SampleEntries } from "./core";

// Questions from the review panel to the vendor (clarifications).
export const PAGES: PageEntries = {
  // Panel members who declared no conflict; the demo reviewer and auditor sit on the seeded panel (db/seed/reviews.ts).
  "app/(portal)/review/[attestationId]/clarifications/page.tsx": { url: "/review/{reviewAttestation}/clarifications", access: REVIEW },
  "app/(portal)/vendor/attestations/[id]/questions/page.tsx": { url: "/vendor/attestations/{reviewAttestation}/questions", access: VENDOR },
};

export const ROUTE_HANDLERS: HandlerEntries = {};

export const ACTIONS: ActionEntries = {
  "app/(portal)/review/[attestationId]/clarifications/actions.ts#askClarificationAction": REVIEW,
  "app/(portal)/review/[attestationId]/clarifications/actions.ts#replyClarificationAction": REVIEW,
  "app/(portal)/review/[attestationId]/clarifications/actions.ts#resolveClarificationAction": REVIEW,
  "app/(portal)/vendor/attestations/[id]/questions/actions.ts#answerClarificationAction": OFFICER,
};

// The seeded Aegis attestation in review (db/seed/reviews.ts), found on the vendor's list by its period (DEMO_REVIEW_PERIOD, shown as "1 Jul 2025 to 31 Dec 2025"):
// the first attestation link followed by that date before the next attestation link.
export const SAMPLES: SampleEntries = {
  reviewAttestation: {
    as: "officer",
    page: "/vendor/attestations",
    pattern: /\/vendor\/attestations\/([0-9a-f-]{36})"(?:(?!\/vendor\/attestations\/)[\s\S])*?\b1 Jul 2025 to /,
  },
};
