import { z } from "zod";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { isoDate as realDate, optionalIsoDate, safeMultiline, safeText } from "./common";

const isoDate = realDate();
const optionalDate = optionalIsoDate();

export const CHANNELS = ["code", "content"] as const;
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = {
  code: "Code and driver updates",
  content: "Content updates (detection logic, configuration)",
};

export const productSchema = z
  .object({
    name: safeText(120).min(2, "Enter the product's name (at least 2 characters)."),
    platforms: safeText(200).min(1, "Name at least one platform, e.g. Windows."),
    kernelMode: z.boolean(),
    codeChannel: z.boolean(),
    codeCadence: safeText(60),
    contentChannel: z.boolean(),
    contentCadence: safeText(60),
  })
  .superRefine((v, ctx) => {
    if (!v.codeChannel && !v.contentChannel) ctx.addIssue({ code: "custom", path: ["codeChannel"], message: "Choose at least one update channel." });
    if (v.codeChannel && !v.codeCadence) ctx.addIssue({ code: "custom", path: ["codeCadence"], message: "Say how often code updates usually ship." });
    if (v.contentChannel && !v.contentCadence) ctx.addIssue({ code: "custom", path: ["contentCadence"], message: "Say how often content updates usually ship." });
  });
export type ProductInput = z.input<typeof productSchema>;

export const ATTESTATION_KINDS = ["new", "revised", "remediation"] as const;
export const ATTESTATION_KIND_LABELS: Record<(typeof ATTESTATION_KINDS)[number], string> = {
  new: "New attestation",
  revised: "Revised attestation",
  remediation: "Following a remediation plan",
};

export const startAttestationSchema = z
  .object({
    productId: z.string().uuid("Choose a product."),
    frameworkVersionId: z.string().uuid("Choose a published catalog version."),
    kind: z.enum(ATTESTATION_KINDS, { message: "Choose the kind of attestation." }),
    periodStart: isoDate,
    periodEnd: isoDate,
  })
  .refine((v) => v.periodEnd >= v.periodStart, { path: ["periodEnd"], message: "The period must end on or after its start." });
export type StartAttestationInput = z.input<typeof startAttestationSchema>;

export const IMPLEMENTATION_STATUSES = ["implemented", "partial", "planned", "not_applicable"] as const;
export const STATUS_LABELS: Record<(typeof IMPLEMENTATION_STATUSES)[number], string> = {
  implemented: "Implemented",
  partial: "Partially implemented",
  planned: "Planned",
  not_applicable: "Not applicable",
};

/** Drafts may be incomplete: completeness is checked at submission, not on each save. */
export const answerFieldsSchema = z.object({
  status: z.enum(IMPLEMENTATION_STATUSES).nullable(),
  narrative: safeMultiline(20_000),
  maturity: z.number().int().min(0).max(4).nullable(),
  justification: safeMultiline(5_000),
  targetDate: isoDate.nullable(),
  plan: safeMultiline(10_000),
});
export type AnswerFields = z.infer<typeof answerFieldsSchema>;

export const saveAnswerSchema = answerFieldsSchema.extend({
  attestationId: z.string().uuid(),
  controlId: z.string().uuid(),
  /** The version the editor started from; 0 when no answer was saved yet. */
  version: z.number().int().min(0),
});

export const evidenceLinksSchema = z.object({
  attestationId: z.string().uuid(),
  controlId: z.string().uuid(),
  evidenceIds: z.array(z.string().uuid()).max(200),
});

export const CLASSIFICATIONS = ["reviewers_only", "publishable"] as const;
export const CLASSIFICATION_LABELS: Record<(typeof CLASSIFICATIONS)[number], string> = {
  reviewers_only: "Reviewers only",
  publishable: "May appear in published reports",
};
export const EVIDENCE_KIND_LABELS: Record<(typeof EVIDENCE_KINDS)[number], string> = {
  document: "Document",
  test_report: "Test report",
  rollout_record: "Rollout record",
  telemetry_export: "Telemetry export",
  third_party_assessment: "Third-party assessment",
  attestation_letter: "Attestation letter",
  url: "Web page",
};

const evidenceMetaFields = {
  title: safeText(200).min(2, "Give the evidence a title (at least 2 characters)."),
  description: safeMultiline(2_000).default(""),
  kind: z.enum(EVIDENCE_KINDS, { message: "Choose a kind of evidence." }),
  evidenceDate: optionalDate,
  validUntil: optionalDate,
  classification: z.enum(CLASSIFICATIONS).default("reviewers_only"),
};

// The database allows "url" only with an address and "rollout_record" only for a linked record.
const KIND_MESSAGE = { message: "Choose a kind of evidence." };
export const urlEvidenceSchema = z.object({
  ...evidenceMetaFields,
  kind: z.enum(EVIDENCE_KINDS, KIND_MESSAGE).exclude(["rollout_record"], KIND_MESSAGE),
  url: safeText(2_000).url("Enter a full address starting with https://.").refine((u) => /^https?:\/\//i.test(u), "Only http and https addresses are accepted."),
});
export type UrlEvidenceInput = z.input<typeof urlEvidenceSchema>;

/** Upload metadata travels in the query string; the body is the raw file. */
const FILE_KIND_MESSAGE = { message: "Choose a kind of evidence that a file can be (not a web address or a rollout record)." };
export const uploadMetaSchema = z.object({ ...evidenceMetaFields, kind: z.enum(EVIDENCE_KINDS, KIND_MESSAGE).exclude(["url", "rollout_record"], FILE_KIND_MESSAGE), fileName: safeText(1_000).min(1, "The file name is missing.") });
export type UploadMeta = z.output<typeof uploadMetaSchema>;

export const signSchema = z.object({
  attestationId: z.string().uuid(),
  signerName: safeText(120).min(3, "Type your full name as your signature."),
  signerTitle: safeText(120).min(2, "Enter your title or role."),
  confirm: z.literal(true, { message: "Confirm the attestation statement to sign." }),
});
export type SignInput = z.input<typeof signSchema>;

export const attestationIdSchema = z.object({ attestationId: z.string().uuid() });

export const withdrawSchema = z.object({
  attestationId: z.string().uuid(),
  reason: safeMultiline(2_000).min(10, "Say why the attestation is withdrawn (at least 10 characters)."),
  confirm: z.literal(true, { message: "Confirm that you are withdrawing this attestation." }),
});
export type WithdrawInput = z.input<typeof withdrawSchema>;
