import type { RolloutEvent, RolloutRecord } from "@/lib/rollouts/record-schema";
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
 * Ring timings. A ring with no recorded promotion whose successor started is
 * treated as promoted when the successor started; that inference is recorded.
 */
export function ringTimings(record: RolloutRecord, assumptions: string[]): RingTiming[] {
  const rings = record.rings;
  return rings.map((ring, i) => {
    const next = rings[i + 1];
    let promotedAt = ring.promotedAt ?? null;
    let promotionInferred = false;
    if (!promotedAt && next) {
      promotedAt = next.startedAt;
      promotionInferred = true;
      assumptions.push(
        `Ring '${ring.name}' has no promotion time; the next ring ('${next.name}') started at ${next.startedAt}, which is taken as its promotion time.`,
      );
    } else if (!promotedAt) {
      assumptions.push(`Ring '${ring.name}' has no promotion time; its bake time is treated as unknown.`);
    }
    if (next && ring.promotedAt && Date.parse(next.startedAt) < Date.parse(ring.promotedAt)) {
      assumptions.push(
        `Ring '${next.name}' started at ${next.startedAt}, before ring '${ring.name}' was promoted at ${ring.promotedAt}; the recorded times are used as given.`,
      );
    }
    const prevShare = rings[i - 1]?.sharePct ?? 0;
    return {
      index: i,
      name: ring.name,
      sharePct: ring.sharePct,
      stepPct: round(ring.sharePct - prevShare),
      startedAt: ring.startedAt,
      promotedAt,
      promotionInferred,
      bakeMinutes: promotedAt ? minutesBetween(ring.startedAt, promotedAt) : null,
      gate: ring.gate ? (ring.gate.passed ? "passed" : "failed") : "none",
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

/**
 * Failure-to-halt: a failing gate is taken to be observed at its ring's promotion
 * time (recorded or inferred); when the ring was never promoted, at the first stop
 * event after the ring started (so the halt delay is 0). Both choices are recorded
 * as assumptions. Halt-to-rollback uses the first stop event and the first
 * rollback_completed at or after it.
 */
export function incidentTimes(record: RolloutRecord, rings: RingTiming[], assumptions: string[]): IncidentTimes {
  const events = sortedEvents(record.events);
  const stops = events.filter((e) => STOP_KINDS.has(e.kind));
  const firstStopFrom = (iso: string) => {
    const t = Date.parse(iso);
    return stops.find((e) => e.t >= t) ?? null;
  };

  let firstFailureAt: string | null = null;
  let firstFailureRing: string | null = null;
  for (const ring of rings) {
    if (ring.gate !== "failed") continue;
    let observed = ring.promotedAt;
    if (observed) {
      assumptions.push(`The failed gate of ring '${ring.name}' is taken to have been observed at its promotion time, ${observed}.`);
    } else {
      observed = firstStopFrom(ring.startedAt)?.at ?? null;
      if (observed)
        assumptions.push(
          `Ring '${ring.name}' failed its gate and has no promotion time; the failure is taken to have been observed at the first pause/halt after it started (${observed}).`,
        );
      else assumptions.push(`Ring '${ring.name}' failed its gate but neither a promotion time nor a later halt is recorded; the failure time is unknown.`);
    }
    if (observed && (firstFailureAt === null || Date.parse(observed) < Date.parse(firstFailureAt))) {
      firstFailureAt = observed;
      firstFailureRing = ring.name;
    }
  }

  let minutesFirstFailureToHalt: number | null = null;
  let neverHaltedAfterFailure = false;
  if (firstFailureAt) {
    const stop = firstStopFrom(firstFailureAt);
    if (stop) minutesFirstFailureToHalt = minutesBetween(firstFailureAt, stop.at);
    else neverHaltedAfterFailure = true;
  }

  const firstStop = stops[0] ?? null;
  const completedAfter = (t: number) => events.find((e) => e.kind === "rollback_completed" && e.t >= t) ?? null;
  const rollbackAfterStop = firstStop ? completedAfter(firstStop.t) : null;
  const firstRollback = completedAfter(Date.parse(record.releasedAt));
  if (firstRollback && !events.some((e) => e.kind === "rollback_started" && e.t <= firstRollback.t))
    assumptions.push(`A rollback completed at ${firstRollback.at} without a recorded rollback start.`);

  return {
    firstFailureAt,
    firstFailureRing,
    minutesFirstFailureToHalt,
    minutesHaltToRollbackCompleted: firstStop && rollbackAfterStop ? minutesBetween(firstStop.at, rollbackAfterStop.at) : null,
    minutesReleaseToRollbackCompleted: firstRollback ? minutesBetween(record.releasedAt, firstRollback.at) : null,
    neverHaltedAfterFailure,
  };
}
