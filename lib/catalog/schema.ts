import { z } from "zod";
import { safeMultiline } from "@/lib/validations/common";
import { DEFAULT_ANSWER_REQUIREMENTS, type AnswerRequirements } from "./answer-requirements";
import { EVIDENCE_KINDS, MAPPING_SCHEMES, TEST_KINDS, UPDATE_CHANNELS } from "./constants";

/**
 * The portal's own framework document format ("ringfence.framework/v1").
 * It is the contract shared by the baseline seed, JSON import/export, the
 * OSCAL converter, the database layer, the rollout analysis thresholds and the
 * completeness check (which answer fields each implementation status requires).
 */

export * from "./constants";

/** Messages are shown beside the field in the editor and after the field's path in import reports. */
export const REQUIRED_MESSAGE = "This field is required.";
const optText = (max: number) => safeMultiline(max);
const text = (max: number) => optText(max).min(1, REQUIRED_MESSAGE);

/** Ids, keys, slugs and versions sit in unique indexes: bounded, so an index entry always fits (and a control id fits the editor's 100-character reference). */
export const controlIdSchema = z
  .string()
  .trim()
  .max(100, "Use at most 100 characters.")
  .regex(/^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*(\.[A-Za-z0-9]+)*$/, "Use capitals, digits, dashes and dots, for example SDP-ROL-03.");

export const mappingSchema = z.object({
  scheme: z.enum(MAPPING_SCHEMES),
  ref: text(100),
  note: optText(500).optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** Exactly five descriptors, index = maturity level 0..4. */
export const rubricSchema = z.array(text(2000)).length(5, "A rubric has one descriptor for each maturity level, 0 to 4.");

/** A rubric while a draft is being written: descriptors may still be empty. */
export const draftRubricSchema = z.array(optText(2000)).length(5);

export const applicabilitySchema = z.object({
  channels: z.array(z.enum(UPDATE_CHANNELS)).min(1, "Choose at least one channel."),
  kernelOnly: z.boolean(),
});
export type Applicability = z.infer<typeof applicabilitySchema>;

export const controlSchema = z.object({
  id: controlIdSchema,
  title: text(200),
  statement: text(4000),
  vendorGuidance: optText(8000),
  reviewerGuidance: optText(8000),
  applicability: applicabilitySchema,
  weight: z.number().int().min(1).max(5),
  must: z.boolean(),
  evidenceKinds: z.array(z.enum(EVIDENCE_KINDS)).min(1, "Name at least one kind of evidence."),
  rubric: rubricSchema,
  mappings: z.array(mappingSchema),
});
export type Control = z.infer<typeof controlSchema>;

export const domainSchema = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9]{1,9}$/, "2 to 10 capitals or digits, e.g. ROL"),
  title: text(200),
  description: optText(4000),
  controls: z.array(controlSchema),
});
export type Domain = z.infer<typeof domainSchema>;

/** Policy thresholds used by the automatic rollout analysis. */
export const rolloutThresholdsSchema = z.object({
  /** Largest share of the fleet (percent) allowed in the first ring. */
  maxFirstRingPct: z.number().min(0).max(100),
  /** Minimum bake time per ring before promotion, in minutes, by channel. */
  minBakeMinutes: z.object({ code: z.number().min(0), content: z.number().min(0) }),
  /** Largest allowed jump in cumulative exposure between consecutive rings, percentage points. */
  maxExposureStepPct: z.number().min(0).max(100),
  /** Longest acceptable time from a failing health gate to a halt, in minutes. */
  maxMinutesToHalt: z.number().min(0),
  /** Test kinds expected before release, by channel. */
  requiredTestKinds: z.object({
    code: z.array(z.enum(TEST_KINDS)),
    content: z.array(z.enum(TEST_KINDS)),
  }),
  /**
   * Minimum bake per ring for kernel-mode releases (kernel-mode code, or content that
   * kernel-mode code interprets), in minutes, by channel. Optional: versions published
   * before it existed lack it, and the analysis then uses KERNEL_MODE_BAKE_DEFAULTS.
   */
  kernelModeMinBakeMinutes: z.object({ code: z.number().min(0), content: z.number().min(0) }).optional(),
  /** A single step from at most maxFirstRingPct to at least this cumulative share is a global push. Optional; default 90. */
  globalPushPct: z.number().min(0).max(100).optional(),
});
export type RolloutThresholds = z.infer<typeof rolloutThresholdsSchema>;

const fieldRequirementsSchema = z.object({
  narrative: z.boolean(),
  justification: z.boolean(),
  targetDate: z.boolean(),
  plan: z.boolean(),
  evidence: z.boolean(),
});
/** Per implementation status, which answer fields must be filled before an attestation can be submitted (evidence: must controls only). */
export const answerRequirementsSchema = z
  .object({ implemented: fieldRequirementsSchema, partial: fieldRequirementsSchema, planned: fieldRequirementsSchema, not_applicable: fieldRequirementsSchema })
  .describe(
    "For each implementation status, which answer fields an attestation must fill before it can be submitted: narrative, justification, targetDate, plan, and evidence (at least one linked item; must controls only). A control without a status is checked against the implemented rules.",
  ) satisfies z.ZodType<AnswerRequirements>;

export const FRAMEWORK_FORMAT = "ringfence.framework/v1" as const;

/** Domain keys and control ids are unique within a framework (used by the strict and the draft schema). */
export function refineUniqueIds(doc: { domains: { key: string; controls: { id: string }[] }[] }, ctx: z.RefinementCtx): void {
  const seenDomains = new Set<string>();
  const seenControls = new Set<string>();
  doc.domains.forEach((d, di) => {
    if (seenDomains.has(d.key)) ctx.addIssue({ code: "custom", path: ["domains", di, "key"], message: `The domain key ${d.key} is used twice.` });
    seenDomains.add(d.key);
    d.controls.forEach((c, ci) => {
      if (seenControls.has(c.id))
        ctx.addIssue({ code: "custom", path: ["domains", di, "controls", ci, "id"], message: `The control id ${c.id} is used twice.` });
      seenControls.add(c.id);
    });
  });
}

export const frameworkDocumentSchema = z
  .object({
    format: z.literal(FRAMEWORK_FORMAT),
    slug: z
      .string()
      .trim()
      .max(100, "Use at most 100 characters.")
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case words joined by dashes, for example secure-rollouts."),
    title: text(200),
    description: optText(8000),
    publisher: text(200),
    version: z
      .string()
      .trim()
      .max(30, "Use at most 30 characters.")
      .regex(/^\d+\.\d+(\.\d+)?$/, "Use a version such as 1.0 or 1.2.1."),
    thresholds: rolloutThresholdsSchema.nullable(),
    /** Optional on import (documents exported before versions carried it): the default rules then apply. */
    answerRequirements: answerRequirementsSchema.default(() => structuredClone(DEFAULT_ANSWER_REQUIREMENTS)),
    domains: z.array(domainSchema).min(1, "A framework has at least one domain."),
  })
  .superRefine(refineUniqueIds);
export type FrameworkDocument = z.infer<typeof frameworkDocumentSchema>;

/** Format a zod issue path the way import errors are shown: domains[2].controls[5].rubric[3] */
export function formatIssuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(document)";
}
