import type { EVIDENCE_KINDS } from "@/lib/catalog/schema";

/**
 * The vendor forms' lists and labels, without zod: client components import them from here, so a
 * page that only shows a list of choices does not ship the validation library with its first load
 * (lib/validations/vendor.ts re-exports all of them for the server's schemas).
 */

export const ATTESTATION_KINDS = ["new", "revised", "remediation"] as const;
export const ATTESTATION_KIND_LABELS: Record<(typeof ATTESTATION_KINDS)[number], string> = {
  new: "New attestation",
  revised: "Revised attestation",
  remediation: "Following a remediation plan",
};

export const IMPLEMENTATION_STATUSES = ["implemented", "partial", "planned", "not_applicable"] as const;
export const STATUS_LABELS: Record<(typeof IMPLEMENTATION_STATUSES)[number], string> = {
  implemented: "Implemented",
  partial: "Partially implemented",
  planned: "Planned",
  not_applicable: "Not applicable",
};

export const CLASSIFICATIONS = ["reviewers_only", "publishable"] as const;
export const CLASSIFICATION_LABELS: Record<(typeof CLASSIFICATIONS)[number], string> = {
  reviewers_only: "Reviewers only",
  publishable: "May appear in published reports",
};

/** One label per evidence kind of the catalog (lib/catalog/schema.ts); lib/validations/catalog.ts re-exports it. */
export const EVIDENCE_KIND_LABELS: Record<(typeof EVIDENCE_KINDS)[number], string> = {
  document: "Document",
  test_report: "Test report",
  rollout_record: "Rollout record",
  telemetry_export: "Telemetry export",
  third_party_assessment: "Third-party assessment",
  attestation_letter: "Attestation letter",
  url: "Web page",
};

/** Kinds a file can carry; a link may also be a plain "web page"; rollout records are added from their record only. */
export const FILE_EVIDENCE_KINDS = ["document", "test_report", "telemetry_export", "third_party_assessment", "attestation_letter"] as const;
export const LINK_EVIDENCE_KINDS = [...FILE_EVIDENCE_KINDS, "url"] as const;
