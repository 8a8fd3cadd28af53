import { z } from "zod";
import { formVersion, isoDate, safeMultiline, safeText } from "./common";

const id = (what: string) => z.string().uuid(`Choose ${what}.`);

export const assignPanelSchema = z
  .object({
    attestationId: id("an attestation"),
    memberIds: z
      .array(z.string().uuid())
      .min(2, "A panel needs at least one platform reviewer and one government auditor.")
      .max(12, "A panel has at most 12 members."),
    leadUserId: id("the lead"),
    dueDate: isoDate(),
  })
  .refine((v) => v.memberIds.includes(v.leadUserId), { path: ["leadUserId"], message: "The lead must be one of the panel's members." })
  .refine((v) => new Set(v.memberIds).size === v.memberIds.length, { path: ["memberIds"], message: "Each person can sit on the panel once." });
export type AssignPanelInput = z.input<typeof assignPanelSchema>;

export const declareConflictSchema = z
  .object({
    attestationId: id("an attestation"),
    // Radio buttons give "true"/"false"; the server also accepts booleans.
    hasConflict: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: "Say whether you have a conflict of interest." }),
    note: safeMultiline(2000),
  })
  .refine((v) => !v.hasConflict || Array.from(v.note).length >= 10, {
    path: ["note"],
    message: "Describe the conflict in at least 10 characters, so the administrator can find a replacement.",
  });
export type DeclareConflictInput = z.input<typeof declareConflictSchema>;

export const saveScoreSchema = z.object({
  attestationId: id("an attestation"),
  controlId: id("a control"),
  score: z
    .number({ error: "Choose a score from 0 to 4." })
    .int("Choose a score from 0 to 4.")
    .min(0, "Choose a score from 0 to 4.")
    .max(4, "Choose a score from 0 to 4."),
  rationale: safeMultiline(4000),
  /** The version the reviewer's form was based on; 0 for a control never saved. */
  version: formVersion(),
});
export type SaveScoreInput = z.input<typeof saveScoreSchema>;

export const attestationIdSchema = z.object({ attestationId: id("an attestation") });

export const requestChangesSchema = z.object({
  attestationId: id("an attestation"),
  message: safeMultiline(4000).min(10, "Tell the vendor what to change, in at least 10 characters."),
});

export const commentSchema = z.object({
  attestationId: id("an attestation"),
  controlId: id("a control"),
  body: safeMultiline(4000).min(1, "Write a comment."),
});

export const consensusSchema = z.object({
  attestationId: id("an attestation"),
  controlId: id("a control"),
  score: z.number({ error: "Choose a score from 0 to 4." }).int().min(0, "Choose a score from 0 to 4.").max(4, "Choose a score from 0 to 4."),
  note: safeMultiline(4000),
});

export const findingDispositionSchema = z.object({
  attestationId: id("an attestation"),
  rolloutRecordId: id("a rollout record"),
  findingKey: safeText(200).min(1),
  note: safeMultiline(2000).min(10, "Say how the finding was addressed, in at least 10 characters."),
});

export const remediationInputSchema = z.object({
  controlId: id("a control"),
  action: safeMultiline(2000).min(10, "Describe the required action in at least 10 characters."),
  dueDate: isoDate(),
});

export const signDecisionSchema = z.object({
  attestationId: id("an attestation"),
  summary: safeMultiline(8000).min(20, "Summarise the panel's reasoning in at least 20 characters."),
  remediation: z.array(remediationInputSchema).max(50, "At most 50 remediation items."),
});
export type SignDecisionInput = z.input<typeof signDecisionSchema>;

export const closeRemediationSchema = z.object({
  itemId: id("a remediation item"),
  note: safeMultiline(4000).min(10, "Say what was done, in at least 10 characters."),
  evidenceId: z.string().uuid().optional(),
});

export const reviewRemediationSchema = z.object({
  itemId: id("a remediation item"),
  accept: z.boolean(),
  note: safeMultiline(2000),
});

/** The vendor officer's additions to the report before it is published. */
export const reportPreparationSchema = z.object({
  attestationId: id("an attestation"),
  vendorResponse: safeMultiline(1500, { tooLong: "Keep the public response to 1,500 characters." }),
  publicSummary: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")], { error: "Say whether a public summary may be shown." }),
  ready: z.union([z.boolean(), z.enum(["true", "false"]).transform((v) => v === "true")]).default(false),
  /** The version the form was based on; 0 when nothing was saved yet. */
  version: formVersion(),
});
export type ReportPreparationInput = z.input<typeof reportPreparationSchema>;

/** A remediation item's life: the vendor closes it, the panel accepts it. */
export const REMEDIATION_STATUSES = ["open", "closed", "accepted"] as const;
export const REMEDIATION_STATUS_LABELS: Record<(typeof REMEDIATION_STATUSES)[number], string> = {
  open: "Open",
  closed: "Closed by the vendor, awaiting the panel",
  accepted: "Accepted by the panel",
};
