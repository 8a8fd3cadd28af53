/**
 * Pure: which answer fields each implementation status requires. Every catalog
 * version carries its own table (framework_versions.answer_requirements), so the
 * rules an attestation is checked against are fixed with the version it answers.
 * No imports: the catalog schema, the completeness check and client components use it.
 */

export const ANSWER_STATUSES = ["implemented", "partial", "planned", "not_applicable"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

/** `evidence` means at least one linked piece of evidence, and applies to must controls only. */
export const ANSWER_FIELDS = ["narrative", "justification", "targetDate", "plan", "evidence"] as const;
export type AnswerField = (typeof ANSWER_FIELDS)[number];

export type FieldRequirements = Record<AnswerField, boolean>;
export type AnswerRequirements = Record<AnswerStatus, FieldRequirements>;

const fields = (...required: AnswerField[]): FieldRequirements =>
  Object.freeze(Object.fromEntries(ANSWER_FIELDS.map((f) => [f, required.includes(f)]))) as FieldRequirements;

/** The rules of a version that sets none of its own (and of every version published before versions carried them). */
export const DEFAULT_ANSWER_REQUIREMENTS: AnswerRequirements = Object.freeze({
  implemented: fields("narrative", "evidence"),
  partial: fields("narrative", "targetDate", "plan", "evidence"),
  planned: fields("narrative", "targetDate", "plan"),
  not_applicable: fields("justification"),
});

/** Words for one field, as the catalog page and the editor name it. */
export const ANSWER_FIELD_LABELS: Record<AnswerField, string> = {
  narrative: "Narrative",
  justification: "Justification",
  targetDate: "Target date",
  plan: "Plan",
  evidence: "Evidence (must controls)",
};

const PHRASES: Record<Exclude<AnswerField, "evidence">, string> = {
  narrative: "a narrative",
  justification: "a justification",
  targetDate: "a target date",
  plan: "a plan",
};

/** One status's requirements in a sentence: "A narrative, a target date and a plan. Must controls also need linked evidence." */
export function describeRequirements(r: FieldRequirements): string {
  const parts = ANSWER_FIELDS.filter((f): f is Exclude<AnswerField, "evidence"> => f !== "evidence" && r[f]).map((f) => PHRASES[f]);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  if (!list)
    return r.evidence
      ? "Must controls need at least one piece of linked evidence; other controls need nothing beyond the status."
      : "Nothing beyond the status.";
  const first = `${list.charAt(0).toUpperCase()}${list.slice(1)}.`;
  return r.evidence ? `${first} Must controls also need at least one piece of linked evidence.` : first;
}
