import { z } from "zod";
import { formatBytes } from "@/lib/format";
import type { rolloutSource } from "@/db/schema/rollouts";
import { rolloutRecordSchema } from "@/lib/rollouts/record-schema";
import { FINDING_CODES, SEVERITIES } from "@/lib/rollouts/analysis/types";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import { safeText, wellFormed } from "./common";
import { ROLLOUT_FILE_MAX_BYTES } from "./rollout-labels";

/** The rollout forms' labels and limits live in ./rollout-labels (no zod there, so client components can import them cheaply). */
export * from "./rollout-labels";

const productId = z.string({ error: "Choose a product." }).uuid("Choose a product.");

/** The rollout form: the product and the record, validated by the same schema as uploads and the API. */
export const rolloutFormSchema = z.object({ productId, record: rolloutRecordSchema });
export type RolloutFormInput = z.input<typeof rolloutFormSchema>;
export type RolloutFormOutput = z.output<typeof rolloutFormSchema>;

export const rolloutUploadSchema = z.object({
  productId,
  format: z.enum(["auto", "json", "csv"]),
  text: wellFormed(ROLLOUT_FILE_MAX_BYTES, `The file may be at most ${formatBytes(ROLLOUT_FILE_MAX_BYTES)}.`).refine(
    (s) => s.trim() !== "",
    "Choose a file or paste its contents.",
  ),
});
export type RolloutUploadInput = z.input<typeof rolloutUploadSchema>;

export const apiTokenSchema = z.object({
  name: safeText(80).min(2, "Name the token (at least 2 characters), e.g. after the pipeline that uses it."),
  scopes: z.array(z.enum(TOKEN_SCOPE_VALUES)).min(1, "Choose at least one scope."),
  /** Days until the token is refused; a select in the form, so it arrives as text. */
  lifetimeDays: z.coerce
    .number()
    .pipe(z.literal(TOKEN_LIFETIME_DAYS, { error: "Choose how long the token stays valid: 30, 90 or 365 days." }))
    .default(DEFAULT_TOKEN_LIFETIME_DAYS),
});
export type ApiTokenInput = z.input<typeof apiTokenSchema>;

export const idSchema = z.object({ id: z.string().uuid() });

// Label tables: every value of each enumeration, as people read it (test/unit/labels.test.ts checks each is complete).

export const SEVERITY_LABELS: Record<(typeof SEVERITIES)[number], string> = { critical: "Critical", major: "Major", minor: "Minor", info: "Info" };

export const FINDING_CODE_LABELS: Record<(typeof FINDING_CODES)[number], string> = {
  exposure_before_gate: "Fleet exposed before a health gate passed",
  global_push: "Global push",
  no_canary: "No canary ring",
  missing_tests: "Required tests not recorded",
  failed_tests: "Released despite failed tests",
  short_bake: "Rings promoted before the minimum bake time",
  early_next_ring: "Next ring started before the recorded promotion",
  large_step: "Exposure jumped too far in one ring",
  promoted_after_failed_gate: "Promoted past a failed health gate",
  ungated_promotion: "Promoted without a health gate",
  no_halt: "No halt after a failed gate",
  no_rollback: "No rollback after harm",
  slow_halt: "Slow halt after a failed gate",
  gate_claim_contradicted: "Gate result contradicts its numbers",
  unverifiable_gate: "Gates that cannot be checked",
  no_gates: "No health gates",
  no_customer_control: "No customer control",
  open_ring: "Rollout still open",
};

export const ROLLOUT_SOURCE_LABELS: Record<(typeof rolloutSource.enumValues)[number], string> = {
  form: "Entered in the form",
  upload: "Uploaded file",
  api: "Pipeline API",
};
