import { HARM_METRICS, isLegacyGate, type GateComparator, type HealthGate, type RingGate } from "@/lib/rollouts/record-schema";
import { inSentence } from "@/lib/format";
import { GATE_METRIC_LABELS } from "@/lib/validations/rollouts";
import type { GateOutcome } from "./types";

export interface GateResult {
  outcome: GateOutcome;
  /** False for legacy free-text gates: the outcome is then only the vendor's word. */
  checkable: boolean;
  /** The vendor's own result, when given. */
  claim: boolean | null;
  /** The numbers say one thing and the vendor's claim another. */
  contradicted: boolean;
  /** A failure of this metric means devices were harmed (crash, boot failure, sensor offline). */
  harm: boolean;
  /** Readable name of the signal. */
  metric: string;
}

const COMPARE: Record<GateComparator, (a: number, b: number) => boolean> = {
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/** The gate's signal inside a sentence: "crash rate", "CPU use", or the custom metric's own name. */
export const metricLabel = (g: HealthGate) => (g.metric === "custom" ? (g.customMetric ?? "custom metric") : inSentence(GATE_METRIC_LABELS[g.metric]));

/** Whether the numbers pass: observed <comparator> threshold; null when nothing was observed. */
export function numbersPass(g: Pick<HealthGate, "comparator" | "threshold" | "observed">): boolean | null {
  return g.observed === null ? null : COMPARE[g.comparator](g.observed, g.threshold);
}

/**
 * The portal's outcome for a gate. Structured: computed from the numbers; a vendor's
 * own "failed" is taken at its word (a vendor cannot talk a gate into passing, only
 * admit a failure). No observed value: pending. Legacy: the vendor's claim, unverifiable.
 */
export function evaluateGate(gate: RingGate | null): GateResult | null {
  if (!gate) return null;
  if (isLegacyGate(gate))
    return { outcome: gate.passed ? "passed" : "failed", checkable: false, claim: gate.passed, contradicted: false, harm: false, metric: gate.signal };
  const byNumbers = numbersPass(gate);
  const outcome: GateOutcome = byNumbers === null ? (gate.passed === false ? "failed" : "pending") : byNumbers && gate.passed !== false ? "passed" : "failed";
  return {
    outcome,
    checkable: true,
    claim: gate.passed,
    contradicted: byNumbers !== null && gate.passed !== null && gate.passed !== byNumbers,
    harm: HARM_METRICS.has(gate.metric),
    metric: metricLabel(gate),
  };
}
