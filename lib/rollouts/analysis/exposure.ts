import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import type { Policy } from "./policy";
import { formatPct, minutesBetween, round } from "./timing";
import type { RingTiming } from "./types";

export interface Exposure {
  exposurePctBeforeFirstPassedGate: number;
  devicesBeforeFirstPassedGate: number | null;
  firstPassedGateRing: string | null;
  largestStepPct: number;
  firstRingPct: number;
  noCanary: boolean;
  globalPush: boolean;
  minutesTo50Pct: number | null;
  minutesTo100Pct: number | null;
}

/**
 * Exposure before the first passed gate.
 *
 * A passed gate counts as passed when it was evaluated (a legacy gate: at its
 * ring's promotion, recorded or inferred). The first passed gate is the one with the
 * earliest such time (ties: the earlier ring). The exposure is the largest
 * cumulative share among that ring and every ring that started strictly before
 * the gate passed: that many devices had the release before any health signal
 * said it was safe. A passed gate with no known time counts as passing only after
 * every recorded ring started. With no passed gate at all, the exposure is the
 * largest share reached.
 */
function firstPassedGate(rings: RingTiming[], assumptions: string[]): { ring: RingTiming; at: number } | null {
  let best: { ring: RingTiming; at: number } | null = null;
  for (const ring of rings) {
    if (ring.gate !== "passed") continue;
    const at = ring.gateAt ? Date.parse(ring.gateAt) : Number.POSITIVE_INFINITY;
    if (!ring.gateAt)
      assumptions.push(`Ring '${ring.name}' passed its gate but has no promotion time; the gate is treated as passing after every recorded ring had started.`);
    if (best === null || at < best.at) best = { ring, at };
  }
  return best;
}

function exposedRing(rings: RingTiming[], assumptions: string[]): { ring: RingTiming; gateRing: RingTiming | null } {
  const last = rings[rings.length - 1]!;
  const gate = firstPassedGate(rings, assumptions);
  if (!gate) return { ring: last, gateRing: null };
  let exposed = gate.ring;
  for (const ring of rings) {
    if (Date.parse(ring.startedAt) < gate.at && ring.sharePct >= exposed.sharePct) exposed = ring;
  }
  return { ring: exposed, gateRing: gate.ring };
}

function devicesFor(record: RolloutRecord, ring: RingTiming, assumptions: string[]): number | null {
  const known = record.rings[ring.index]?.devices;
  if (known != null) return known;
  if (record.fleetSize != null) {
    const estimate = Math.round((record.fleetSize * ring.sharePct) / 100);
    assumptions.push(
      `Ring '${ring.name}' has no device count; ${estimate} devices is estimated as ${formatPct(ring.sharePct)} of the fleet of ${record.fleetSize}.`,
    );
    return estimate;
  }
  return null;
}

function minutesToShare(record: RolloutRecord, rings: RingTiming[], pct: number): number | null {
  const ring = rings.find((r) => r.sharePct >= pct);
  return ring ? minutesBetween(record.releasedAt, ring.startedAt) : null;
}

/** Requires at least one ring (guaranteed by rolloutRecordSchema). */
export function analyseExposure(record: RolloutRecord, rings: RingTiming[], policy: Policy, assumptions: string[]): Exposure {
  const { ring, gateRing } = exposedRing(rings, assumptions);
  const first = rings[0]!;
  const max = policy.maxFirstRingPct;
  const push = globalPushRing(rings, policy);
  return {
    exposurePctBeforeFirstPassedGate: round(ring.sharePct),
    devicesBeforeFirstPassedGate: devicesFor(record, ring, assumptions),
    firstPassedGateRing: gateRing?.name ?? null,
    largestStepPct: round(Math.max(...rings.map((r) => r.stepPct))),
    firstRingPct: first.sharePct,
    noCanary: first.sharePct > max,
    globalPush: push !== null,
    minutesTo50Pct: minutesToShare(record, rings, 50),
    minutesTo100Pct: minutesToShare(record, rings, 100),
  };
}

/**
 * The first ring that takes cumulative exposure in one step from canary size or less
 * (at most maxFirstRingPct; 0 before the first ring) to at least globalPushPct
 * (default 90%): a global push, whatever the canary's size.
 */
export function globalPushRing(rings: RingTiming[], policy: Policy): RingTiming | null {
  for (const r of rings) {
    const prev = r.index === 0 ? 0 : rings[r.index - 1]!.sharePct;
    if (r.sharePct >= policy.globalPushPct && prev <= policy.maxFirstRingPct) return r;
  }
  return null;
}

/** Cumulative share reached at time `t`: rings start in order and shares never fall, so the last ring started by then. */
export function exposureAt(rings: RingTiming[], t: number): RingTiming | null {
  let lo = 0,
    hi = rings.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (Date.parse(rings[mid]!.startedAt) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : rings[lo - 1]!;
}
