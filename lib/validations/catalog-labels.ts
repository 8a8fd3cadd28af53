import type { MAPPING_SCHEMES, TEST_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/constants";

/**
 * The catalog forms' labels, without zod: client components import them from here, so a form page
 * does not ship the validation library with its first load (lib/validations/catalog.ts re-exports them).
 */

export const CHANNEL_LABELS: Record<(typeof UPDATE_CHANNELS)[number], string> = {
  code: "Code and driver updates",
  content: "Content updates (detection logic, configuration)",
};
export const MAPPING_SCHEME_LABELS: Record<(typeof MAPPING_SCHEMES)[number], string> = {
  "nist-ssdf": "NIST SSDF (SP 800-218)",
  "windows-resiliency": "Windows Resiliency Initiative",
  "secure-by-design": "Secure by Design",
  "vendor-commitments-2024": "July 2024 vendor commitments",
  other: "Other",
};
export const TEST_KIND_LABELS: Record<(typeof TEST_KINDS)[number], string> = {
  developer: "Developer",
  content_interface: "Content interface",
  fuzzing: "Fuzzing",
  fault_injection: "Fault injection",
  stress: "Stress",
  stability: "Stability",
  rollback: "Rollback",
  validator: "Validator checks",
};
export const LEVEL_LABELS = ["0 — Absent", "1 — Initial", "2 — Defined", "3 — Managed", "4 — Optimised"] as const;
