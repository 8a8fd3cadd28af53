/** Pure: what stops an attestation from being submitted, and progress per domain. */
export type GapControl = { id: string; controlId: string; title: string; domainKey: string; domainTitle: string; must: boolean };
export type GapAnswer = { status: "implemented" | "partial" | "planned" | "not_applicable" | null; narrative: string; justification: string; targetDate: string | null; plan: string };
export type GapEvidence = { id: string; title: string; validUntil: string | null };

export type GapKind = "unanswered" | "no_justification" | "no_plan" | "no_evidence" | "expired_evidence";
/** The editor field that fixes a gap; the editor names it `<controlId>-<field>` (answer-card.tsx, evidence-picker.tsx). */
export type GapField = "status" | "justification" | "target" | "plan" | "evidence";
export type Gap = { controlUuid: string; controlId: string; title: string; domainKey: string; domainTitle: string; kind: GapKind; field: GapField; message: string };

/** Headings for the check page, in the order an officer would fix them. */
export const GAP_KINDS: { kind: GapKind; heading: string; hint: string }[] = [
  { kind: "unanswered", heading: "No implementation status chosen", hint: "Choose whether each control is implemented, partially implemented, planned or not applicable." },
  { kind: "no_evidence", heading: "Must controls without evidence", hint: "Link at least one piece of evidence from the vault, unless the control does not apply." },
  { kind: "expired_evidence", heading: "Expired evidence", hint: "Replace or unlink evidence whose validity has ended." },
  { kind: "no_plan", heading: "Partial or planned controls without a target date or plan", hint: "Give the date the control will be in place and how you will get there." },
  { kind: "no_justification", heading: "Not applicable without a reason", hint: "Say why the control does not apply to this product." },
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
 * Every gap, in catalog order, all at once: a must control without evidence is
 * reported even before it is answered, so fixing the first list never reveals a second.
 * `today` is YYYY-MM-DD so the check is deterministic.
 */
export function findGaps(controls: GapControl[], answers: Map<string, GapAnswer>, evidence: Map<string, GapEvidence[]>, today: string): Gap[] {
  const gaps: Gap[] = [];
  for (const c of controls) {
    const a = answers.get(c.id);
    const linked = evidence.get(c.id) ?? [];
    const g = (kind: GapKind, field: GapField, message: string) =>
      gaps.push({ controlUuid: c.id, controlId: c.controlId, title: c.title, domainKey: c.domainKey, domainTitle: c.domainTitle, kind, field, message });
    if (!a?.status) g("unanswered", "status", `${c.controlId} ${c.title}: no implementation status chosen yet.`);
    if (a?.status === "not_applicable" && !a.justification.trim()) g("no_justification", "justification", `${c.controlId}: marked not applicable without a justification.`);
    if ((a?.status === "partial" || a?.status === "planned") && (!a.targetDate || !a.plan.trim())) g("no_plan", a.targetDate ? "plan" : "target", `${c.controlId}: partial or planned controls need a target date and a plan.`);
    if (c.must && a?.status !== "not_applicable" && linked.length === 0) g("no_evidence", "evidence", `${c.controlId}: a must control needs at least one piece of linked evidence.`);
    for (const e of linked) if (isExpired(e.validUntil, today)) g("expired_evidence", "evidence", `${c.controlId}: linked evidence "${e.title}" expired on ${e.validUntil}.`);
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
