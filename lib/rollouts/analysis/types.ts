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
  "large_step",
  "promoted_after_failed_gate",
  "slow_halt",
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

export type GateOutcome = "passed" | "failed" | "none";

/** One ring as the analysis sees it. */
export interface RingTiming {
  index: number;
  name: string;
  sharePct: number;
  /** Increase of cumulative share over the previous ring (the first ring counts from 0). */
  stepPct: number;
  startedAt: string;
  /** Recorded promotion time, or the next ring's start when none was recorded (see `promotionInferred`). */
  promotedAt: string | null;
  promotionInferred: boolean;
  /** promotedAt − startedAt in minutes; null when the ring has no known promotion. */
  bakeMinutes: number | null;
  gate: GateOutcome;
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
  minBakeMinutes: number;
  ringsPromotedBeforeMinBake: string[];
  ringsPromotedAfterFailedGate: string[];
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

/** The most serious severity among the findings, or null when there are none. */
export function worstSeverity(findings: ReadonlyArray<Pick<Finding, "severity">>): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || RANK[f.severity] < RANK[worst]) worst = f.severity;
  return worst;
}
