import { describe, expect, it } from "vitest";
import { analyseRollout, checkRolloutRecord, type RolloutAnalysis } from "@/lib/rollouts/analysis";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelCode, referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import type { RolloutRecordInput } from "@/lib/rollouts/record-schema";
import { mapTimes, withOffset } from "@/lib/rollouts/test-arbitraries";

function analyse(input: RolloutRecordInput): RolloutAnalysis {
  const checked = checkRolloutRecord(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.reasons));
  return analyseRollout(checked.record, baselineThresholds);
}

describe("reference incident: Channel File 291", () => {
  const a = analyse(referenceIncident);
  const byCode = new Map(a.findings.map((f) => [f.code, f]));

  it("is flagged critical for exposure, global push, no canary and missing tests", () => {
    for (const code of ["exposure_before_gate", "global_push", "no_canary", "missing_tests"] as const) {
      expect(byCode.get(code)?.severity, code).toBe("critical");
    }
    expect(a.worstSeverity).toBe("critical");
  });

  it("measures the exposure and the timeline", () => {
    expect(a.exposurePctBeforeFirstPassedGate).toBe(100);
    expect(a.firstPassedGateRing).toBeNull();
    expect(a.globalPush).toBe(true);
    expect(a.noCanary).toBe(true);
    expect(a.largestStepPct).toBe(100);
    expect(a.minutesReleaseToRollbackCompleted).toBe(78);
    expect(a.minutesHaltToRollbackCompleted).toBe(0);
    expect(a.minutesTo50Pct).toBe(0);
    expect(a.minutesTo100Pct).toBe(0);
    expect(a.missingTestKinds).toEqual(["developer", "content_interface", "stability", "rollback"]);
    expect(a.failedTestKinds).toEqual([]);
  });

  it("explains the exposure in plain English against the policy", () => {
    expect(byCode.get("exposure_before_gate")?.explanation).toBe("100% of the fleet received the release before any health gate passed (policy: at most 1%).");
    expect(byCode.get("no_gates")?.severity).toBe("major");
    expect(byCode.get("large_step")?.severity).toBe("major");
    for (const f of a.findings) expect(f.controls.length, f.code).toBeGreaterThan(0);
  });

  it("gives the same analysis when its times are written in +02:00", () => {
    const shifted = mapTimes(referenceIncident, (t) => withOffset(t, 120));
    expect(shifted.releasedAt).toBe("2024-07-19T06:09:00+02:00");
    expect(analyse(shifted)).toEqual(a);
  });
});

describe("reference model", () => {
  for (const [label, record] of [
    ["content", referenceModelContent],
    ["code", referenceModelCode],
  ] as const) {
    it(`${label} channel: no critical or major finding`, () => {
      const a = analyse(record);
      expect(a.findings.filter((f) => f.severity === "critical" || f.severity === "major")).toEqual([]);
      expect(a.exposurePctBeforeFirstPassedGate).toBe(0.5);
      expect(a.devicesBeforeFirstPassedGate).toBe(5000);
      expect(a.firstPassedGateRing).toBe("Internal stabilization");
      expect(a.globalPush).toBe(false);
      expect(a.largestStepPct).toBe(90);
      expect(a.ringsPromotedBeforeMinBake).toEqual([]);
      expect(a.missingTestKinds).toEqual([]);
    });
  }

  it("times the code variant's exposure milestones", () => {
    const a = analyse(referenceModelCode);
    expect(a.minBakeMinutes).toBe(48 * 60);
    expect(a.rings.slice(0, -1).every((r) => (r.bakeMinutes ?? 0) >= 48 * 60)).toBe(true);
    expect(a.minutesTo50Pct).toBe(4 * 49 * 60);
    expect(a.minutesTo100Pct).toBe(4 * 49 * 60);
  });
});
