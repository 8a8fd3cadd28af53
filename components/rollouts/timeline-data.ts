import { evaluateGate } from "@/lib/rollouts/analysis/gates";
import { isLegacyGate, type RolloutRecord } from "@/lib/rollouts/record-schema";

export type TimelinePoint = { at: number; pct: number };
export type TimelineMark = { at: number; label: string; kind: "gate-pass" | "gate-fail" | "halt" | "rollback" | "other"; ring?: string };

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
    const promoted = ring.promotedAt ? t(ring.promotedAt) : (record.rings[i + 1] ? t(record.rings[i + 1]!.startedAt) : t(ring.startedAt));
    const at = isLegacyGate(ring.gate) ? promoted : t(ring.gate.evaluatedAt);
    const passed = g.outcome === "passed";
    marks.push({ at, ring: ring.name, kind: passed ? "gate-pass" : "gate-fail", label: `${ring.name} gate ${passed ? "passed" : "failed"}${g.checkable ? "" : " (vendor's word)"}` });
  });
  for (const e of record.events) {
    const kind = e.kind === "halt" ? "halt" : e.kind.startsWith("rollback") ? "rollback" : "other";
    marks.push({ at: t(e.at), kind, label: e.kind.replace("_", " ") });
  }
  const times = [...steps.map((s) => s.at), ...marks.map((m) => m.at), ...record.rings.flatMap((r) => (r.promotedAt ? [t(r.promotedAt)] : []))];
  const last = Math.max(...times);
  const span = Math.max(last - start, 60 * 60_000);
  return { start, end: start + span * 1.08, steps, marks };
}
