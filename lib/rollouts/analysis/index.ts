import type { RolloutThresholds } from "@/lib/catalog/schema";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { analyseExposure } from "./exposure";
import { failureCases } from "./failures";
import { buildFindings } from "./findings";
import { rolloutPolicy } from "./policy";
import { analyseTests } from "./tests";
import { failureTimes, incidentTimes, ringTimings, sortedEvents, STOP_KINDS } from "./timing";
import { worstSeverity, type RolloutAnalysis } from "./types";

export { checkRolloutRecord, type RolloutCheckReason, type RolloutCheckResult } from "./check";
export { CONTROL_IDS, findingControls, TEST_CONTROL_IDS } from "./controls";
export { evaluateGate, metricLabel, numbersPass, type GateResult } from "./gates";
export { GLOBAL_PUSH_PCT_DEFAULT, KERNEL_MODE_BAKE_DEFAULTS } from "./policy";
export { testGapSeverity } from "./tests";
export * from "./types";
export { ANALYSER_VERSION } from "./version";

/**
 * Analyse a record that passed rolloutRecordSchema. Pure and total: no clock, no
 * I/O, and it does not throw on any such record. Every inference it makes where
 * the record is silent is listed in `assumptions`. Events are sorted once; each
 * rule then walks rings, or binary-searches the sorted events: O(events log events).
 */
export function analyseRollout(record: RolloutRecord, thresholds: RolloutThresholds): RolloutAnalysis {
  const assumptions: string[] = [];
  const policy = rolloutPolicy(record, thresholds, assumptions);
  const rings = ringTimings(record, assumptions);
  const exposure = analyseExposure(record, rings, policy, assumptions);
  const events = sortedEvents(record.events);
  const stops = events.filter((e) => STOP_KINDS.has(e.kind));
  const failed = failureTimes(rings, stops, assumptions);
  const incident = incidentTimes(record, rings, events, failed, assumptions);
  const failures = failureCases(record, rings, events, stops, failed);
  const tests = analyseTests(record.tests, record.channel, thresholds);

  // A ring is promoted when a later ring exists; the last ring's promotion time, if any, leads nowhere.
  const promoted = rings.slice(0, -1);
  const next = (i: number) => Date.parse(rings[i + 1]!.startedAt);
  const gatedBeforeNext = (r: (typeof rings)[number]) => r.gateAt !== null && Date.parse(r.gateAt) <= next(r.index);

  const findings = buildFindings({ record, policy, rings, exposure, failures, tests });
  return {
    channel: record.channel,
    ringCount: rings.length,
    rings,
    ...exposure,
    minBakeMinutes: policy.minBakeMinutes,
    kernelMode: record.kernelMode,
    ringsPromotedBeforeMinBake: promoted.filter((r) => r.bakeMinutes !== null && r.bakeMinutes < policy.minBakeMinutes).map((r) => r.name),
    ringsPromotedAfterFailedGate: promoted.filter((r) => r.gate === "failed" && gatedBeforeNext(r)).map((r) => r.name),
    ringsPromotedWithoutGate: promoted.filter((r) => r.index > 0 && !((r.gate === "passed" || r.gate === "failed") && gatedBeforeNext(r))).map((r) => r.name),
    ringsOverlappedByNext: promoted.filter((r) => r.nextStartedBeforePromotion).map((r) => r.name),
    ringsWithContradictedGate: rings.filter((r) => r.gateContradicted).map((r) => r.name),
    ringsWithUncheckableGate: rings.filter((r) => !r.gateCheckable).map((r) => r.name),
    minutesFirstFailureToHalt: incident.minutesFirstFailureToHalt,
    minutesHaltToRollbackCompleted: incident.minutesHaltToRollbackCompleted,
    minutesReleaseToRollbackCompleted: incident.minutesReleaseToRollbackCompleted,
    ...tests,
    assumptions,
    findings,
    worstSeverity: worstSeverity(findings),
  };
}
