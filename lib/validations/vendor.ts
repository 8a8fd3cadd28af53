import { z } from "zod";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { CHANNEL_LABELS as CATALOG_CHANNEL_LABELS } from "./catalog-labels";
import { formVersion, isoDate as realDate, optionalIsoDate, safeMultiline, safeText } from "./common";
import { choiceFilter, listQuerySchema } from "@/lib/http/list-params";
import { ATTESTATION_KINDS, CLASSIFICATIONS, FILE_EVIDENCE_KINDS, IMPLEMENTATION_STATUSES, LINK_EVIDENCE_KINDS } from "./vendor-labels";

/** The lists and labels live in ./vendor-labels (no zod there, so client components can import them cheaply). */
export * from "./vendor-labels";

const isoDate = realDate();
const optionalDate = optionalIsoDate();

export const CHANNELS = ["code", "content"] as const;
/** The catalog's table: one label table per enumeration. */
export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = CATALOG_CHANNEL_LABELS;

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
    if (v.contentChannel && !v.contentCadence)
      ctx.addIssue({ code: "custom", path: ["contentCadence"], message: "Say how often content updates usually ship." });
  });
export type ProductInput = z.input<typeof productSchema>;

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
  version: formVersion(),
});

export const evidenceLinksSchema = z.object({
  attestationId: z.string().uuid(),
  controlId: z.string().uuid(),
  evidenceIds: z.array(z.string().uuid()).max(200),
});

const evidenceMetaFields = {
  title: safeText(200).min(2, "Give the evidence a title (at least 2 characters)."),
  description: safeMultiline(2_000).default(""),
  evidenceDate: optionalDate,
  validUntil: optionalDate,
  classification: z.enum(CLASSIFICATIONS, { message: "Choose who may see it." }).default("reviewers_only"),
};

/** A validity end before the date the evidence describes is a typing mistake. */
function checkValidity(v: { evidenceDate?: string | null; validUntil?: string | null }, ctx: z.RefinementCtx) {
  if (v.evidenceDate && v.validUntil && v.validUntil < v.evidenceDate) {
    ctx.addIssue({ code: "custom", path: ["validUntil"], message: "The end of validity cannot be before the date the evidence describes." });
  }
}

// The database allows "url" only with an address and "rollout_record" only for a linked record.
export const urlEvidenceSchema = z
  .object({
    ...evidenceMetaFields,
    kind: z.enum(LINK_EVIDENCE_KINDS, { message: "Choose a kind of evidence." }),
    url: safeText(2_000)
      .url("Enter a full address starting with https://.")
      .refine((u) => /^https?:\/\//i.test(u), "Only http and https addresses are accepted."),
  })
  .superRefine(checkValidity);
export type UrlEvidenceInput = z.input<typeof urlEvidenceSchema>;

/** Upload metadata travels in the query string; the body is the raw file. */
export const uploadMetaSchema = z
  .object({
    ...evidenceMetaFields,
    kind: z.enum(FILE_EVIDENCE_KINDS, { message: "Choose a kind of evidence that a file can be (not a web address or a rollout record)." }),
    fileName: safeText(1_000).min(1, "The file name is missing."),
  })
  .superRefine(checkValidity);
export type UploadMeta = z.output<typeof uploadMetaSchema>;

/** A new file version of an existing item: only the file name travels in the query string. */
export const versionUploadSchema = z.object({ fileName: uploadMetaSchema.shape.fileName });

/** Editing an item's details. Whether the kind fits the item (file, link or rollout record) is checked against the stored item. */
export const updateEvidenceSchema = z
  .object({ evidenceId: z.string().uuid(), ...evidenceMetaFields, kind: z.enum(EVIDENCE_KINDS, { message: "Choose a kind of evidence." }) })
  .superRefine(checkValidity);
export type UpdateEvidenceInput = z.input<typeof updateEvidenceSchema>;

export const evidenceIdSchema = z.object({ evidenceId: z.string().uuid() });
export const retireEvidenceSchema = z.object({ evidenceId: z.string().uuid(), retired: z.boolean() });
export const deleteEvidenceSchema = z.object({
  evidenceId: z.string().uuid(),
  confirm: z.literal(true, { message: "Confirm that you are deleting this item." }),
});

export const EVIDENCE_STATUS_FILTERS = ["active", "retired", "all"] as const;
export const EXPIRY_FILTERS = ["expired", "expiring", "current", "no_end"] as const;
export const EXPIRY_FILTER_LABELS: Record<(typeof EXPIRY_FILTERS)[number], string> = {
  expired: "Expired",
  expiring: "Expiring within 30 days",
  current: "Not expired",
  no_end: "No end date",
};

/** Search text: control characters and broken surrogates are dropped rather than refused (PostgreSQL cannot hold them). */
const searchText = z
  .string()
  .max(200, "Use at most 200 characters.")
  .transform((v) =>
    v
      .toWellFormed()
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, " ")
      .trim(),
  );

/** The vault's search, filters, order and page, from the address bar: anything unknown falls back to its default instead of failing. */
export const vaultFilterSchema = listQuerySchema({
  sorts: { added: "desc", title: "asc", kind: "asc", validity: "asc", links: "desc" },
  defaultSort: "added",
  filters: {
    kind: choiceFilter(EVIDENCE_KINDS),
    status: z.enum(EVIDENCE_STATUS_FILTERS).catch("active").default("active"),
    expiry: choiceFilter(EXPIRY_FILTERS),
    classification: choiceFilter(CLASSIFICATIONS),
  },
});
export type VaultFilter = z.output<typeof vaultFilterSchema>;

/** The evidence picker's search: active items of the caller's vault. */
export const searchEvidenceSchema = z.object({
  q: searchText,
  kind: z.union([z.enum(EVIDENCE_KINDS), z.literal("")]).default(""),
});

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
