/**
 * The framework format's enumerations, without zod: client components import them from here (the
 * catalog editor, the rollout form), so a form page does not ship the validation library with its
 * first load; lib/catalog/schema.ts re-exports them for the schemas.
 */

export const UPDATE_CHANNELS = ["code", "content"] as const;
export type UpdateChannel = (typeof UPDATE_CHANNELS)[number];

export const EVIDENCE_KINDS = ["document", "test_report", "rollout_record", "telemetry_export", "third_party_assessment", "attestation_letter", "url"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const TEST_KINDS = ["developer", "content_interface", "fuzzing", "fault_injection", "stress", "stability", "rollback", "validator"] as const;
export type TestKind = (typeof TEST_KINDS)[number];

/** External reference schemes a control may map to. */
export const MAPPING_SCHEMES = [
  "nist-ssdf", // NIST SP 800-218 practice or task id, e.g. PW.8 or PW.8.2
  "windows-resiliency", // the platform's Windows Resiliency Initiative expectations
  "secure-by-design", // CISA Secure by Design pledge goals
  "vendor-commitments-2024", // the July 2024 vendor's published commitments
  "other",
] as const;
export type MappingScheme = (typeof MAPPING_SCHEMES)[number];

export const MATURITY_LEVELS = [0, 1, 2, 3, 4] as const;
