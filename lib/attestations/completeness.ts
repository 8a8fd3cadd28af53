/** Pure: what stops an attestation from being submitted, and progress per domain. No server imports: the editor runs it in the browser. */
import { formatDate } from "@/lib/format/time";
import { DEFAULT_ANSWER_REQUIREMENTS, type AnswerField, type AnswerRequirements, type AnswerStatus } from "@/lib/catalog/answer-requirements";

export { DEFAULT_ANSWER_REQUIREMENTS };
export type { AnswerField, AnswerRequirements, AnswerStatus };

export type GapControl = { id: string; controlId: string; title: string; domainKey: string; domainTitle: string; must: boolean };
export type GapAnswer = { status: AnswerStatus | null; narrative: string; justification: string; targetDate: string | null; plan: string };
export type GapEvidence = { id: string; title: string; validUntil: string | null };

export type GapKind = "unanswered" | "no_narrative" | "no_justification" | "no_plan" | "no_evidence" | "expired_evidence";
/** The editor field that fixes a gap; the editor names it `<controlId>-<field>` (answer-card.tsx, evidence-picker.tsx). */
export type GapField = "status" | "narrative" | "justification" | "target" | "plan" | "evidence";
export type Gap = {
  controlUuid: string;
  controlId: string;
  title: string;
  domainKey: string;
  domainTitle: string;
  kind: GapKind;
  field: GapField;
  message: string;
};

/** Headings for the check page, in the order an officer would fix them. */
export const GAP_KINDS: { kind: GapKind; heading: string; hint: string }[] = [
  {
    kind: "unanswered",
    heading: "No implementation status chosen",
    hint: "Choose whether each control is implemented, partially implemented, planned or not applicable.",
  },
  {
    kind: "no_narrative",
    heading: "Controls without a narrative",
    hint: "Describe in your own words how the product meets the control, or how far it has got.",
  },
  {
    kind: "no_evidence",
    heading: "Must controls without evidence",
    hint: "Link at least one piece of evidence from the vault. The catalog version says which statuses need it.",
  },
  { kind: "expired_evidence", heading: "Expired evidence", hint: "Replace or unlink evidence whose validity has ended." },
  { kind: "no_plan", heading: "Controls without a target date or plan", hint: "Give the date the control will be in place and how you will get there." },
  {
    kind: "no_justification",
    heading: "Controls without a justification",
    hint: "Say why the control does not apply to this product, or why you chose its status.",
  },
];

/** Gaps by kind, in GAP_KINDS order, each group in catalog order; kinds without gaps are left out. */
export function groupGaps(gaps: Gap[]): { kind: GapKind; heading: string; hint: string; gaps: Gap[] }[] {
  return GAP_KINDS.map((k) => ({ ...k, gaps: gaps.filter((g) => g.kind === k.kind) })).filter((k) => k.gaps.length > 0);
}

/** The anchor of the field that fixes a gap, on the editor page. */
export function gapAnchor(g: Pick<Gap, "controlId" | "field">): string {
  return `${g.controlId}-${g.field}`;
}

export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

export function isAnswered(a: GapAnswer | undefined): boolean {
  return Boolean(a?.status);
}

/**
 * The answer fields a control must fill, by the catalog version's rules: evidence only
 * for must controls. A control without a status is held to the implemented rules, the
 * status it is expected to reach (so the editor can mark fields before one is chosen).
 */
export function requiredFields(status: AnswerStatus | null, must: boolean, requirements: AnswerRequirements = DEFAULT_ANSWER_REQUIREMENTS): AnswerField[] {
  const r = requirements[status ?? "implemented"];
  return (["narrative", "justification", "targetDate", "plan", "evidence"] as const).filter((f) => r[f] && (f !== "evidence" || must));
}

/**
 * Every gap, in catalog order, all at once, by the catalog version's `requirements`.
 * A control without a status is also checked against the implemented rules, so its
 * missing narrative and (must controls) evidence are listed before it is answered and
 * answering it as implemented uncovers nothing new. Expired evidence is a gap whatever
 * the status. `today` is YYYY-MM-DD so the check is deterministic.
 */
export function findGaps(
  controls: GapControl[],
  answers: Map<string, GapAnswer>,
  evidence: Map<string, GapEvidence[]>,
  today: string,
  requirements: AnswerRequirements = DEFAULT_ANSWER_REQUIREMENTS,
): Gap[] {
  const gaps: Gap[] = [];
  for (const c of controls) {
    const a = answers.get(c.id);
    const linked = evidence.get(c.id) ?? [];
    const required = new Set(requiredFields(a?.status ?? null, c.must, requirements));
    const g = (kind: GapKind, field: GapField, message: string) =>
      gaps.push({ controlUuid: c.id, controlId: c.controlId, title: c.title, domainKey: c.domainKey, domainTitle: c.domainTitle, kind, field, message });
    if (!a?.status) g("unanswered", "status", `${c.controlId} ${c.title}: No implementation status chosen yet.`);
    if (required.has("narrative") && !a?.narrative.trim()) g("no_narrative", "narrative", `${c.controlId}: No narrative yet.`);
    if (required.has("justification") && !a?.justification.trim()) g("no_justification", "justification", `${c.controlId}: No justification yet.`);
    const noDate = required.has("targetDate") && !a?.targetDate;
    const noPlan = required.has("plan") && !a?.plan.trim();
    if (noDate || noPlan)
      g(
        "no_plan",
        noDate ? "target" : "plan",
        `${c.controlId}: ${noDate && noPlan ? "Add a target date and a plan" : noDate ? "Add a target date" : "Add a plan"}.`,
      );
    if (required.has("evidence") && linked.length === 0)
      g("no_evidence", "evidence", `${c.controlId}: A must control needs at least one piece of linked evidence.`);
    for (const e of linked)
      if (isExpired(e.validUntil, today))
        g("expired_evidence", "evidence", `${c.controlId}: Linked evidence "${e.title}" expired on ${formatDate(e.validUntil)}.`);
  }
  return gaps;
}

export type DomainProgress = { key: string; title: string; applicable: number; answered: number; missingEvidence: { id: string; controlId: string }[] };

export function progressByDomain(controls: GapControl[], answers: Map<string, GapAnswer>, evidence: Map<string, GapEvidence[]>): DomainProgress[] {
  const out = new Map<string, DomainProgress>();
  for (const c of controls) {
    const d = out.get(c.domainKey) ?? { key: c.domainKey, title: c.domainTitle, applicable: 0, answered: 0, missingEvidence: [] };
    d.applicable++;
    const a = answers.get(c.id);
    if (isAnswered(a)) d.answered++;
    if (c.must && a?.status !== "not_applicable" && (evidence.get(c.id) ?? []).length === 0) d.missingEvidence.push({ id: c.id, controlId: c.controlId });
    out.set(c.domainKey, d);
  }
  return [...out.values()];
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
