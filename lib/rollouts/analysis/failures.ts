import { formatUtc } from "@/lib/format";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { exposureAt } from "./exposure";
import { evaluateGate, numbersPass } from "./gates";
import type { Policy } from "./policy";
import { atLeast, exposureSeverity } from "./severity";
import { firstAtOrAfter, formatMinutes, formatPct, minutesBetween, type TimedEvent } from "./timing";
import type { RingTiming, Severity } from "./types";

/** One failed gate and what followed it. */
export interface FailureCase {
  ring: RingTiming;
  observedAt: string;
  /** "ring 'Early' failed its crash rate gate at … (observed 0.4 % against < 0.1 %)" */
  what: string;
  halt: { at: string; minutes: number } | null;
  /** A failure of a crash, boot or sensor-offline gate: devices were harmed and a rollback is due. */
  needsRollback: boolean;
  rollbackAt: string | null;
  /** Share of the fleet (and devices, when known) with the release when it was halted, or at the end when never halted. */
  exposurePct: number;
  exposureDevices: number | null;
}

/** 0.4% but 12 ms: a percent sign hugs its number. */
export const withUnit = (v: number, unit: string) => (unit === "%" ? `${v}%` : `${v} ${unit}`);

function describe(record: RolloutRecord, ring: RingTiming, at: string): string {
  const gate = record.rings[ring.index]!.gate!;
  if ("signal" in gate) return `ring '${ring.name}' failed its gate ('${gate.signal}', a free-text gate) at ${formatUtc(at)}`;
  const g = evaluateGate(gate)!;
  const nums =
    gate.observed === null
      ? "no observed value, reported failed by the vendor"
      : `observed ${withUnit(gate.observed, gate.unit)}, threshold ${gate.comparator} ${withUnit(gate.threshold, gate.unit)}${numbersPass(gate) ? ", but reported failed by the vendor" : ""}`;
  return `ring '${ring.name}' failed its ${g.metric} gate at ${formatUtc(at)} (${nums})`;
}

/**
 * Every failed gate, on any ring (the last or an open one included), needs a stop
 * (pause, halt or rollback start) at or after it; a harm metric also needs a
 * rollback. Stops and rollbacks are found by binary search: linear in events overall.
 */
export function failureCases(
  record: RolloutRecord,
  rings: RingTiming[],
  events: ReadonlyArray<TimedEvent>,
  stops: ReadonlyArray<TimedEvent>,
  failures: Map<number, string>,
): FailureCase[] {
  const rollbacks = events.filter((e) => e.kind === "rollback_started");
  const last = rings[rings.length - 1]!;
  const out: FailureCase[] = [];
  for (const [index, observedAt] of failures) {
    const ring = rings[index]!;
    const t = Date.parse(observedAt);
    const stop = firstAtOrAfter(stops, t);
    const gate = record.rings[index]!.gate!;
    const needsRollback = evaluateGate(gate)!.harm;
    const exposed = stop ? (exposureAt(rings, stop.t) ?? ring) : last;
    const devices = record.rings[exposed.index]?.devices ?? (record.fleetSize != null ? Math.round((record.fleetSize * exposed.sharePct) / 100) : null);
    out.push({
      ring,
      observedAt,
      what: describe(record, ring, observedAt),
      halt: stop ? { at: stop.at, minutes: minutesBetween(observedAt, stop.at) } : null,
      needsRollback,
      rollbackAt: needsRollback ? (firstAtOrAfter(rollbacks, t)?.at ?? null) : null,
      exposurePct: Math.max(exposed.sharePct, ring.sharePct),
      exposureDevices: devices,
    });
  }
  return out;
}

export const exposureText = (c: FailureCase) =>
  `${formatPct(c.exposurePct)} of the fleet${c.exposureDevices != null ? ` (${c.exposureDevices.toLocaleString("en-US")} devices)` : ""}`;

/** Severity of a failure's missing halt or rollback: by exposure, at least major (a failure went unanswered). */
export const unansweredSeverity = (c: FailureCase, policy: Policy): Severity => atLeast(exposureSeverity(c.exposurePct, policy), "major");

export const haltPolicy = (policy: Policy) => `policy: halt within ${formatMinutes(policy.maxMinutesToHalt)}`;
