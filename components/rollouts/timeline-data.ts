import { ROLLOUT_EVENT_KIND_LABELS } from "@/lib/validations/rollouts";
import { evaluateGate } from "@/lib/rollouts/analysis/gates";
import { isLegacyGate, type RolloutRecord } from "@/lib/rollouts/record-schema";

export type TimelinePoint = { at: number; pct: number };
export type TimelineMark = { at: number; label: string; kind: "gate-pass" | "gate-fail" | "halt" | "rollback" | "other"; ring?: string };

/** A chart stays readable (and the page small) with at most this many markers and ring lines; the tables list everything. */
export const MAX_MARKS = 60;
const MAX_RING_LINES = 60;
const PRIORITY: Record<TimelineMark["kind"], number> = { "gate-fail": 0, halt: 1, rollback: 2, "gate-pass": 3, other: 4 };

/** The step line and markers the chart draws, computed once so the chart and its summary agree. */
export function timelineData(record: RolloutRecord) {
  const t = (iso: string) => Date.parse(iso);
  const start = t(record.releasedAt);
  const steps: TimelinePoint[] = [{ at: start, pct: 0 }];
  for (const ring of record.rings) steps.push({ at: t(ring.startedAt), pct: ring.sharePct });
  const marks: TimelineMark[] = [];
  record.rings.forEach((ring, i) => {
    // The mark shows the portal's computed outcome at the evaluation time, not the vendor's claim.
    const g = evaluateGate(ring.gate);
    if (!ring.gate || !g || g.outcome === "pending") return;
    const promoted = ring.promotedAt ? t(ring.promotedAt) : record.rings[i + 1] ? t(record.rings[i + 1]!.startedAt) : t(ring.startedAt);
    const at = isLegacyGate(ring.gate) ? promoted : t(ring.gate.evaluatedAt);
    const passed = g.outcome === "passed";
    marks.push({
      at,
      ring: ring.name,
      kind: passed ? "gate-pass" : "gate-fail",
      label: `${ring.name} gate ${passed ? "passed" : "failed"}${g.checkable ? "" : " (vendor's word)"}`,
    });
  });
  for (const e of record.events) {
    const kind = e.kind === "halt" ? "halt" : e.kind.startsWith("rollback") ? "rollback" : "other";
    marks.push({ at: t(e.at), kind, label: ROLLOUT_EVENT_KIND_LABELS[e.kind] });
  }
  let last = start;
  for (const s of steps) last = Math.max(last, s.at);
  for (const m of marks) last = Math.max(last, m.at);
  for (const r of record.rings) if (r.promotedAt) last = Math.max(last, t(r.promotedAt));
  const span = Math.max(last - start, 60 * 60_000);
  // The most telling markers first (failed gates, halts, rollbacks), then in time order.
  const shown = marks.length <= MAX_MARKS ? marks : [...marks].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind] || a.at - b.at).slice(0, MAX_MARKS);
  const every = Math.ceil(record.rings.length / MAX_RING_LINES);
  const ringStarts = record.rings.filter((_, i) => i % every === 0).map((r) => t(r.startedAt));
  return { start, end: start + span * 1.08, steps, marks: shown, hiddenMarks: marks.length - shown.length, ringStarts };
}
