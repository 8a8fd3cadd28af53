import type { RolloutThresholds } from "@/lib/catalog/schema";
import type { RolloutRecord } from "@/lib/rollouts/record-schema";
import { analyseExposure } from "./exposure";
import { buildFindings } from "./findings";
import { analyseTests } from "./tests";
import { incidentTimes, ringTimings } from "./timing";
import { worstSeverity, type RolloutAnalysis } from "./types";

export { checkRolloutRecord, type RolloutCheckReason, type RolloutCheckResult } from "./check";
export { CONTROL_IDS, findingControls, TEST_CONTROL_IDS } from "./controls";
export { testGapSeverity } from "./tests";
export * from "./types";
export { ANALYSER_VERSION } from "./version";

/**
 * Analyse a record that passed rolloutRecordSchema. Pure and total: no clock, no
 * I/O, and it does not throw on any such record. Every inference it makes where
 * the record is silent is listed in `assumptions`.
 */
export function analyseRollout(record: RolloutRecord, thresholds: RolloutThresholds): RolloutAnalysis {
  const assumptions: string[] = [];
  const rings = ringTimings(record, assumptions);
  const exposure = analyseExposure(record, rings, thresholds, assumptions);
  const incident = incidentTimes(record, rings, assumptions);
  const tests = analyseTests(record.tests, record.channel, thresholds);
  const minBake = thresholds.minBakeMinutes[record.channel];

  // A ring is promoted when a later ring exists; the last ring's promotion time, if any, leads nowhere.
  const promoted = rings.slice(0, -1);
  const shortBake = promoted.filter((r) => r.bakeMinutes !== null && r.bakeMinutes < minBake);
  const promotedAfterFailedGate = promoted.filter((r) => r.gate === "failed");

  const findings = buildFindings({ record, thresholds, rings, exposure, incident, tests, shortBake, promotedAfterFailedGate });
  return {
    channel: record.channel,
    ringCount: rings.length,
    rings,
    ...exposure,
    minBakeMinutes: minBake,
    ringsPromotedBeforeMinBake: shortBake.map((r) => r.name),
    ringsPromotedAfterFailedGate: promotedAfterFailedGate.map((r) => r.name),
    minutesFirstFailureToHalt: incident.minutesFirstFailureToHalt,
    minutesHaltToRollbackCompleted: incident.minutesHaltToRollbackCompleted,
    minutesReleaseToRollbackCompleted: incident.minutesReleaseToRollbackCompleted,
    ...tests,
    assumptions,
    findings,
    worstSeverity: worstSeverity(findings),
  };
}
