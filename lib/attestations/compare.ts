/** Pure: what changed, control by control, between two revisions. */
export type ComparableControl = {
  id: string;
  controlId: string;
  title: string;
  status: string | null;
  narrative: string;
  maturity: number | null;
  justification: string;
  targetDate: string | null;
  plan: string;
  evidence: { id: string; title: string }[];
};
export type FieldChange = { field: string; before: string; after: string };
export type ControlChange = { controlId: string; title: string; change: "added" | "removed" | "changed"; fields: FieldChange[] };

const FIELDS: [keyof ComparableControl, string][] = [
  ["status", "Status"],
  ["maturity", "Maturity"],
  ["narrative", "Narrative"],
  ["justification", "Justification"],
  ["targetDate", "Target date"],
  ["plan", "Plan"],
];

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));
const evidenceText = (c: ComparableControl) =>
  c.evidence
    .map((e) => e.title)
    .sort()
    .join(", ");

export function compareRevisions(before: ComparableControl[], after: ComparableControl[]): ControlChange[] {
  const a = new Map(before.map((c) => [c.controlId, c]));
  const b = new Map(after.map((c) => [c.controlId, c]));
  const order = [...new Set([...before.map((c) => c.controlId), ...after.map((c) => c.controlId)])];
  const out: ControlChange[] = [];
  for (const key of order) {
    const x = a.get(key);
    const y = b.get(key);
    if (!x && y) out.push({ controlId: key, title: y.title, change: "added", fields: [] });
    else if (x && !y) out.push({ controlId: key, title: x.title, change: "removed", fields: [] });
    else if (x && y) {
      const fields: FieldChange[] = [];
      for (const [f, label] of FIELDS) if (show(x[f]) !== show(y[f])) fields.push({ field: label, before: show(x[f]), after: show(y[f]) });
      if (evidenceText(x) !== evidenceText(y)) fields.push({ field: "Evidence", before: show(evidenceText(x)), after: show(evidenceText(y)) });
      if (fields.length) out.push({ controlId: key, title: y.title, change: "changed", fields });
    }
  }
  return out;
}
