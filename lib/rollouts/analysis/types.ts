import type { TestKind, UpdateChannel } from "@/lib/catalog/schema";

export const SEVERITIES = ["critical", "major", "minor", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_CODES = [
  "exposure_before_gate",
  "global_push",
  "no_canary",
  "missing_tests",
  "failed_tests",
  "short_bake",
  "early_next_ring",
  "large_step",
  "promoted_after_failed_gate",
  "ungated_promotion",
  "no_halt",
  "no_rollback",
  "slow_halt",
  "gate_claim_contradicted",
  "unverifiable_gate",
  "no_gates",
  "no_customer_control",
  "open_ring",
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export interface Finding {
  /** Stable machine code; the UI and reports key on it. */
  code: FindingCode;
  severity: Severity;
  title: string;
  /** Plain English, with the numbers and the policy they were compared with. */
  explanation: string;
  /** Catalog control ids the finding bears on. */
  controls: string[];
}

/** Computed by the portal (see gates.ts); "pending" is a gate with no observed value. */
export type GateOutcome = "passed" | "failed" | "pending" | "none";

/** One ring as the analysis sees it. */
export interface RingTiming {
  index: number;
  name: string;
  sharePct: number;
  /** Increase of cumulative share over the previous ring (the first ring counts from 0). */
  stepPct: number;
  startedAt: string;
  /** The promotion time the vendor recorded. */
  declaredPromotedAt: string | null;
  /**
   * When the ring's bake ended: the earlier of the recorded promotion and the next
   * ring's actual start; the next ring's start when none was recorded (`promotionInferred`).
   */
  promotedAt: string | null;
  promotionInferred: boolean;
  /** The next ring started before this ring's recorded promotion. */
  nextStartedBeforePromotion: boolean;
  /** promotedAt − startedAt in minutes; null when the ring has no known promotion. */
  bakeMinutes: number | null;
  gate: GateOutcome;
  /** False for a legacy free-text gate (its outcome is the vendor's word); true otherwise. */
  gateCheckable: boolean;
  /** The vendor's own gate result, when given. */
  gateClaim: boolean | null;
  /** The vendor's claim contradicts the gate's own numbers. */
  gateContradicted: boolean;
  /** When the gate was evaluated: evaluatedAt, or for a legacy gate the ring's promotion. */
  gateAt: string | null;
}

export interface RolloutAnalysis {
  channel: UpdateChannel;
  ringCount: number;
  rings: RingTiming[];
  /** See exposure.ts for the exact definition. */
  exposurePctBeforeFirstPassedGate: number;
  devicesBeforeFirstPassedGate: number | null;
  /** Name of the ring whose gate passed first, or null when no gate passed. */
  firstPassedGateRing: string | null;
  largestStepPct: number;
  firstRingPct: number;
  /** First ring larger than thresholds.maxFirstRingPct. */
  noCanary: boolean;
  globalPush: boolean;
  /** The minimum bake applied to this record (kernel-mode minimum when kernelMode). */
  minBakeMinutes: number;
  kernelMode: boolean;
  ringsPromotedBeforeMinBake: string[];
  ringsPromotedAfterFailedGate: string[];
  /** Rings after the first whose promotion (the next ring's start) came with no gate evaluated before it. */
  ringsPromotedWithoutGate: string[];
  /** Rings whose next ring started before their recorded promotion. */
  ringsOverlappedByNext: string[];
  /** Rings whose gate the vendor reported contrary to its own numbers. */
  ringsWithContradictedGate: string[];
  /** Rings with a legacy free-text gate. */
  ringsWithUncheckableGate: string[];
  minutesFirstFailureToHalt: number | null;
  minutesHaltToRollbackCompleted: number | null;
  minutesReleaseToRollbackCompleted: number | null;
  minutesTo50Pct: number | null;
  minutesTo100Pct: number | null;
  requiredTestKinds: TestKind[];
  missingTestKinds: TestKind[];
  failedTestKinds: TestKind[];
  /** Every inference the analysis made where the record was silent. */
  assumptions: string[];
  findings: Finding[];
  worstSeverity: Severity | null;
}

const RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, info: 3 };

export function compareSeverity(a: Severity, b: Severity): number {
  return RANK[a] - RANK[b];
}

/** Like compareSeverity, with null (no finding) as the mildest. */
export function compareWorst(a: Severity | null, b: Severity | null): number {
  return (a === null ? 4 : RANK[a]) - (b === null ? 4 : RANK[b]);
}

/** The more serious of two severities. */
export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

/** The most serious severity among the findings, or null when there are none. */
export function worstSeverity(findings: ReadonlyArray<Pick<Finding, "severity">>): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}
