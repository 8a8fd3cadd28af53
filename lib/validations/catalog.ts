import { z } from "zod";
import {
  answerRequirementsSchema,
  controlSchema,
  domainSchema,
  draftRubricSchema,
  EVIDENCE_KINDS,
  frameworkDocumentSchema,
  MAPPING_SCHEMES,
  rolloutThresholdsSchema,
  TEST_KINDS,
  UPDATE_CHANNELS,
} from "@/lib/catalog/schema";
import { safeMultiline, safeText, wellFormed } from "./common";

/** Shared by the catalog editor forms (react-hook-form + zodResolver) and the server actions. */

const num = (message: string) => z.number({ error: message }).finite(message);

export const thresholdsFormSchema = rolloutThresholdsSchema.extend({
  maxFirstRingPct: num("Enter a percentage from 0 to 100.").min(0, "Use 0 or more.").max(100, "Use 100 or less."),
  minBakeMinutes: z.object({
    code: num("Enter a number of minutes.").min(0, "Use 0 or more."),
    content: num("Enter a number of minutes.").min(0, "Use 0 or more."),
  }),
  maxExposureStepPct: num("Enter a percentage from 0 to 100.").min(0, "Use 0 or more.").max(100, "Use 100 or less."),
  maxMinutesToHalt: num("Enter a number of minutes.").min(0, "Use 0 or more."),
  requiredTestKinds: z.object({ code: z.array(z.enum(TEST_KINDS)), content: z.array(z.enum(TEST_KINDS)) }),
});

export const versionMetaSchema = z.object({
  title: frameworkDocumentSchema.shape.title,
  description: frameworkDocumentSchema.shape.description,
  publisher: frameworkDocumentSchema.shape.publisher,
  version: frameworkDocumentSchema.shape.version,
  hasThresholds: z.boolean(),
  thresholds: thresholdsFormSchema.nullish(),
  answerRequirements: answerRequirementsSchema,
});
export type VersionMetaInput = z.infer<typeof versionMetaSchema>;

export const domainFormSchema = domainSchema.pick({ key: true, title: true, description: true });
export type DomainInput = z.infer<typeof domainFormSchema>;

export const mappingFormSchema = z.object({
  scheme: z.enum(MAPPING_SCHEMES, { error: "Choose a scheme." }),
  ref: safeText(100).min(1, "Enter the reference, e.g. PW.8."),
  note: safeMultiline(500),
});

/** A control as the editor submits it: rubric descriptors may stay empty while the version is a draft. */
export const controlFormSchema = z.object({
  domainKey: domainSchema.shape.key,
  id: controlSchema.shape.id,
  title: controlSchema.shape.title,
  statement: controlSchema.shape.statement,
  vendorGuidance: controlSchema.shape.vendorGuidance,
  reviewerGuidance: controlSchema.shape.reviewerGuidance,
  channels: z.array(z.enum(UPDATE_CHANNELS)).min(1, "Choose at least one update channel."),
  kernelOnly: z.boolean(),
  weight: num("Enter a weight from 1 to 5.").int("Use a whole number.").min(1, "Use 1 to 5.").max(5, "Use 1 to 5."),
  must: z.boolean(),
  evidenceKinds: z.array(z.enum(EVIDENCE_KINDS)).min(1, "Choose at least one kind of evidence."),
  rubric: draftRubricSchema,
  mappings: z.array(mappingFormSchema),
});
export type ControlInput = z.infer<typeof controlFormSchema>;

const uuid = z.string().uuid();
export const versionRefSchema = z.object({ versionId: uuid });
export const domainRefSchema = z.object({ versionId: uuid, key: safeText(20).min(1) });
export const controlRefSchema = z.object({ versionId: uuid, controlId: safeText(100).min(1) });
export const reorderDomainsSchema = z.object({ versionId: uuid, keys: z.array(safeText(20).min(1)).min(1).max(200) });
export const reorderControlsSchema = z.object({
  versionId: uuid,
  domainKey: safeText(20).min(1),
  controlIds: z.array(safeText(100).min(1)).min(1).max(1000),
});
export const importSchema = z.object({
  text: wellFormed(5_000_000, "The document is larger than 5 MB.")
    .min(1, "Choose a file or paste a document.")
    .max(5_000_000, "The document is larger than 5 MB."),
});

export { EVIDENCE_KIND_LABELS } from "./vendor-labels";
/** The catalog's label tables live in ./catalog-labels (no zod there, so client components can import them cheaply). */
export * from "./catalog-labels";

/** The edit form's values for a stored control (used by the editor page and its tests). */
export function controlFormValues(c: import("@/lib/catalog/queries").ControlDetail): ControlInput {
  return {
    domainKey: c.domainKey,
    id: c.id,
    title: c.title,
    statement: c.statement,
    vendorGuidance: c.vendorGuidance,
    reviewerGuidance: c.reviewerGuidance,
    channels: c.applicability.channels,
    kernelOnly: c.applicability.kernelOnly,
    weight: c.weight,
    must: c.must,
    evidenceKinds: c.evidenceKinds,
    rubric: c.rubric,
    mappings: c.mappings.map((m) => ({ scheme: m.scheme, ref: m.ref, note: m.note ?? "" })),
  };
}
