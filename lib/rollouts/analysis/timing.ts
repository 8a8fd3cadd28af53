import { formatUtc } from "@/lib/format";
import { isLegacyGate, type RolloutEvent, type RolloutRecord } from "@/lib/rollouts/record-schema";
import { evaluateGate } from "./gates";
import type { RingTiming } from "./types";

/** Whole-minute precision is what reviewers read; keep two decimals so seconds are not lost. */
export function minutesBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 600) / 100;
}

export function formatPct(pct: number): string {
  return `${Math.round(pct * 1000) / 1000}%`;
}

export function formatMinutes(min: number): string {
  if (min < 120) return `${min} min`;
  const h = Math.round((min / 60) * 10) / 10;
  return `${h} h (${min} min)`;
}

/**
 * Ring timings. A ring's bake ends at the earlier of its recorded promotion and the
 * actual start of the next ring: a record cannot claim a bake the next ring cut
 * short. A ring with no recorded promotion whose successor started is taken as
 * promoted when the successor started; both inferences are recorded.
 */
export function ringTimings(record: RolloutRecord, assumptions: string[]): RingTiming[] {
  const rings = record.rings;
  return rings.map((ring, i) => {
    const next = rings[i + 1];
    const declared = ring.promotedAt ?? null;
    let promotedAt = declared;
    let promotionInferred = false;
    let nextStartedBeforePromotion = false;
    if (!declared && next) {
      promotedAt = next.startedAt;
      promotionInferred = true;
      assumptions.push(
        `Ring '${ring.name}' has no promotion time; the next ring ('${next.name}') started at ${formatUtc(next.startedAt)}, which is taken as its promotion time.`,
      );
    } else if (!declared) {
      assumptions.push(`Ring '${ring.name}' has no promotion time; its bake time is treated as unknown.`);
    } else if (next && Date.parse(next.startedAt) < Date.parse(declared)) {
      promotedAt = next.startedAt;
      nextStartedBeforePromotion = true;
    }
    const prevShare = rings[i - 1]?.sharePct ?? 0;
    const g = evaluateGate(ring.gate);
    let gateAt: string | null = null;
    if (ring.gate && !isLegacyGate(ring.gate)) gateAt = ring.gate.evaluatedAt;
    else if (ring.gate) {
      gateAt = promotedAt;
      assumptions.push(
        `Ring '${ring.name}' has a legacy free-text gate with no evaluation time; it is taken as evaluated ${promotedAt ? `at the ring's promotion, ${formatUtc(promotedAt)}` : "at an unknown time"}, and its result is the vendor's word.`,
      );
    }
    return {
      index: i,
      name: ring.name,
      sharePct: ring.sharePct,
      stepPct: round(ring.sharePct - prevShare),
      startedAt: ring.startedAt,
      declaredPromotedAt: declared,
      promotedAt,
      promotionInferred,
      nextStartedBeforePromotion,
      bakeMinutes: promotedAt ? minutesBetween(ring.startedAt, promotedAt) : null,
      gate: g?.outcome ?? "none",
      gateCheckable: g?.checkable ?? true,
      gateClaim: g?.claim ?? null,
      gateContradicted: g?.contradicted ?? false,
      gateAt,
    };
  });
}

export function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export interface TimedEvent {
  kind: RolloutEvent["kind"];
  at: string;
  /** `at` in epoch milliseconds, parsed once. */
  t: number;
}

/** Events in time order; equal times keep the recorded order (Array.prototype.sort is stable). */
export function sortedEvents(events: ReadonlyArray<RolloutEvent>): TimedEvent[] {
  return events.map((e) => ({ kind: e.kind, at: e.at, t: Date.parse(e.at) })).sort((a, b) => a.t - b.t);
}

/** A stop is anything that halts further delivery: pause, halt, or the start of a rollback. */
export const STOP_KINDS: ReadonlySet<RolloutEvent["kind"]> = new Set(["pause", "halt", "rollback_started"]);

export interface IncidentTimes {
  /** Time the first failing gate was observed, or null when no gate failed. */
  firstFailureAt: string | null;
  firstFailureRing: string | null;
  minutesFirstFailureToHalt: number | null;
  minutesHaltToRollbackCompleted: number | null;
  minutesReleaseToRollbackCompleted: number | null;
  /** A gate failed and nothing stopped the rollout afterwards. */
  neverHaltedAfterFailure: boolean;
}

/** Index of the first element with `t >= at` in a list sorted by t (binary search). */
export function firstAtOrAfter<T extends { t: number }>(sorted: ReadonlyArray<T>, at: number): T | null {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.t < at) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo] ?? null;
}

/**
 * When each failed gate was observed. A structured gate: its evaluation time. A
 * legacy gate: its ring's promotion (recorded or inferred); when the ring was never
 * promoted, the first stop event after the ring started (so the halt delay is 0).
 * Legacy choices are recorded as assumptions.
 */
export function failureTimes(rings: RingTiming[], stops: ReadonlyArray<TimedEvent>, assumptions: string[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const ring of rings) {
    if (ring.gate !== "failed") continue;
    let observed = ring.gateCheckable ? ring.gateAt : ring.promotedAt;
    if (!ring.gateCheckable) {
      if (observed) assumptions.push(`The failed gate of ring '${ring.name}' is taken to have been observed at its promotion time, ${observed}.`);
      else {
        observed = firstAtOrAfter(stops, Date.parse(ring.startedAt))?.at ?? null;
        if (observed)
          assumptions.push(
            `Ring '${ring.name}' failed its gate and has no promotion time; the failure is taken to have been observed at the first pause/halt after it started (${observed}).`,
          );
        else assumptions.push(`Ring '${ring.name}' failed its gate but neither a promotion time nor a later halt is recorded; the failure time is unknown.`);
      }
    }
    if (observed) out.set(ring.index, observed);
  }
  return out;
}

/** Timeline figures of the first failure (per-failure rules are in failures.ts). Halt-to-rollback uses the first stop and the first rollback_completed at or after it. */
export function incidentTimes(
  record: RolloutRecord,
  rings: RingTiming[],
  events: ReadonlyArray<TimedEvent>,
  failures: Map<number, string>,
  assumptions: string[],
): IncidentTimes {
  const stops = events.filter((e) => STOP_KINDS.has(e.kind));
  let firstFailureAt: string | null = null;
  let firstFailureRing: string | null = null;
  for (const [index, observed] of failures) {
    if (firstFailureAt === null || Date.parse(observed) < Date.parse(firstFailureAt)) {
      firstFailureAt = observed;
      firstFailureRing = rings[index]!.name;
    }
  }
  let minutesFirstFailureToHalt: number | null = null;
  let neverHaltedAfterFailure = false;
  if (firstFailureAt) {
    const stop = firstAtOrAfter(stops, Date.parse(firstFailureAt));
    if (stop) minutesFirstFailureToHalt = minutesBetween(firstFailureAt, stop.at);
    else neverHaltedAfterFailure = true;
  }
  const firstStop = stops[0] ?? null;
  const completed = events.filter((e) => e.kind === "rollback_completed");
  const rollbackAfterStop = firstStop ? firstAtOrAfter(completed, firstStop.t) : null;
  const firstRollback = firstAtOrAfter(completed, Date.parse(record.releasedAt));
  if (firstRollback && !events.some((e) => e.kind === "rollback_started" && e.t <= firstRollback.t))
    assumptions.push(`A rollback completed at ${formatUtc(firstRollback.at)} without a recorded rollback start.`);
  return {
    firstFailureAt,
    firstFailureRing,
    minutesFirstFailureToHalt,
    minutesHaltToRollbackCompleted: firstStop && rollbackAfterStop ? minutesBetween(firstStop.at, rollbackAfterStop.at) : null,
    minutesReleaseToRollbackCompleted: firstRollback ? minutesBetween(record.releasedAt, firstRollback.at) : null,
    neverHaltedAfterFailure,
  };
}
