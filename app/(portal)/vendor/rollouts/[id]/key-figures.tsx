import type { RolloutAnalysis } from "@/lib/rollouts/analysis";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { count, duration, formatNumber } from "@/lib/format";

/** "none", or the first few names and how many more: a 500-ring record must not print 500 names here. */
function nameList(names: string[], max = 6): string {
  if (names.length === 0) return "none";
  return names.length <= max
    ? names.join(", ")
    : `${names.slice(0, max).join(", ")} and ${formatNumber(names.length - max)} more (${count(names.length, "ring")})`;
}

export function chartSummary(record: RolloutRecord, a: RolloutAnalysis | null): string {
  const last = record.rings[record.rings.length - 1];
  const parts = [`Rollout in ${count(record.rings.length, "ring")}, reaching ${last?.sharePct ?? 0}% of the fleet.`];
  if (a) {
    parts.push(`${a.exposurePctBeforeFirstPassedGate}% of the fleet had the release before any health gate passed.`);
    if (a.minutesTo100Pct !== null) parts.push(`It reached 100% after ${duration(a.minutesTo100Pct)}.`);
    if (a.minutesReleaseToRollbackCompleted !== null) parts.push(`Rollback completed ${duration(a.minutesReleaseToRollbackCompleted)} after release.`);
  }
  const halts = record.events.filter((e) => e.kind === "halt").length;
  if (halts) parts.push(`${count(halts, "halt")} recorded.`);
  return parts.join(" ");
}

export function KeyFigures({ analysis: a }: { analysis: RolloutAnalysis }) {
  const items: [string, string][] = [
    [
      "Exposure before the first passed gate",
      `${a.exposurePctBeforeFirstPassedGate}%${a.devicesBeforeFirstPassedGate !== null ? ` (${count(a.devicesBeforeFirstPassedGate, "device")})` : ""}`,
    ],
    ["Rings", formatNumber(a.ringCount)],
    ["First ring", `${a.firstRingPct}%`],
    ["Largest step", `${a.largestStepPct}%`],
    ["Time to 50% / 100%", `${duration(a.minutesTo50Pct)} / ${duration(a.minutesTo100Pct)}`],
    ["First failure to halt", duration(a.minutesFirstFailureToHalt)],
    ["Release to rollback completed", duration(a.minutesReleaseToRollbackCompleted)],
    ["Promoted before minimum bake", nameList(a.ringsPromotedBeforeMinBake)],
  ];
  return (
    <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {items.map(([k, v]) => (
        <div key={k} className="rounded-md border border-gray-300 bg-white p-3">
          <dt className="text-xs text-muted">{k}</dt>
          <dd className="text-lg font-semibold">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
