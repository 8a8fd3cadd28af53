/** Pure: what stops an attestation from being submitted, and progress per domain. */
export type GapControl = { id: string; controlId: string; title: string; domainKey: string; domainTitle: string; must: boolean };
export type GapAnswer = { status: "implemented" | "partial" | "planned" | "not_applicable" | null; narrative: string; justification: string; targetDate: string | null; plan: string };
export type GapEvidence = { id: string; title: string; validUntil: string | null };

export type Gap = { controlUuid: string; controlId: string; kind: "unanswered" | "no_justification" | "no_plan" | "no_evidence" | "expired_evidence"; message: string };

export function isExpired(validUntil: string | null, today: string): boolean {
  return validUntil !== null && validUntil < today;
}

export function isAnswered(a: GapAnswer | undefined): boolean {
  return Boolean(a?.status);
}

/** Every gap, in catalog order. `today` is YYYY-MM-DD so the check is deterministic. */
export function findGaps(controls: GapControl[], answers: Map<string, GapAnswer>, evidence: Map<string, GapEvidence[]>, today: string): Gap[] {
  const gaps: Gap[] = [];
  for (const c of controls) {
    const a = answers.get(c.id);
    const linked = evidence.get(c.id) ?? [];
    const g = (kind: Gap["kind"], message: string) => gaps.push({ controlUuid: c.id, controlId: c.controlId, kind, message });
    if (!a?.status) {
      g("unanswered", `${c.controlId} ${c.title}: no implementation status chosen yet.`);
    } else {
      if (a.status === "not_applicable" && !a.justification.trim()) g("no_justification", `${c.controlId}: marked not applicable without a justification.`);
      if ((a.status === "partial" || a.status === "planned") && (!a.targetDate || !a.plan.trim())) g("no_plan", `${c.controlId}: partial or planned controls need a target date and a plan.`);
      if (c.must && a.status !== "not_applicable" && linked.length === 0) g("no_evidence", `${c.controlId}: a must control needs at least one piece of linked evidence.`);
    }
    for (const e of linked) if (isExpired(e.validUntil, today)) g("expired_evidence", `${c.controlId}: linked evidence "${e.title}" expired on ${e.validUntil}.`);
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
