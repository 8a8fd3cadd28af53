import type { RolloutRecord } from "@/lib/rollouts/record-schema";

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
    if (!ring.gate) return;
    const at = ring.promotedAt ? t(ring.promotedAt) : (record.rings[i + 1] ? t(record.rings[i + 1]!.startedAt) : t(ring.startedAt));
    marks.push({ at, ring: ring.name, kind: ring.gate.passed ? "gate-pass" : "gate-fail", label: `${ring.name} gate ${ring.gate.passed ? "passed" : "failed"}` });
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
