import { describe, expect, it } from "vitest";
import { analyseRollout, checkRolloutRecord, worstSeverity, type RolloutAnalysis } from "@/lib/rollouts/analysis";
import { demoReleases } from "@/lib/rollouts/fixtures/demo-releases";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import type { RolloutRecordInput } from "@/lib/rollouts/record-schema";

function analyse(input: RolloutRecordInput): RolloutAnalysis {
  const checked = checkRolloutRecord(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.reasons));
  return analyseRollout(checked.record, baselineThresholds);
}
const codes = (a: RolloutAnalysis) => a.findings.map((f) => `${f.severity}:${f.code}`);
const model = referenceModelContent;

describe("demo releases", () => {
  it("are valid, deterministic and differ between vendors", () => {
    const [a, b] = [demoReleases("Acme EDR", 0), demoReleases("Acme EDR", 1)];
    expect(demoReleases("Acme EDR", 0)).toEqual(a);
    expect(a.map((r) => r.releasedAt)).not.toEqual(b.map((r) => r.releasedAt));
    for (const r of [...a, ...b, ...demoReleases("Zed Shield", 2)]) expect(checkRolloutRecord(r).ok, r.releaseId).toBe(true);
  });

  it("flag what each release illustrates", () => {
    const [good, failedGate, shortBake, rollback] = demoReleases("Acme EDR", 0).map(analyse);
    expect(good!.worstSeverity).toBeNull();
    expect(codes(failedGate!)).toEqual(["critical:promoted_after_failed_gate", "critical:no_halt", "critical:no_rollback"]);
    expect(failedGate!.ringsPromotedAfterFailedGate).toEqual(["Early"]);
    expect(codes(shortBake!)).toEqual(["major:missing_tests", "major:short_bake"]);
    expect(shortBake!.ringsPromotedBeforeMinBake).toEqual(["Canary", "Staged"]);
    expect(rollback!.worstSeverity).toBeNull();
    expect(rollback!.minutesHaltToRollbackCompleted).toBe(46);
    expect(rollback!.minutesReleaseToRollbackCompleted).toBe(310);
    expect(rollback!.minutesFirstFailureToHalt).toBe(4);
  });
});

describe("analysis rules", () => {
  it("short bake within 20% of the minimum is minor", () => {
    const rings = model.rings.map((r, i) => (i === 0 ? { ...r, promotedAt: "2025-03-03T08:50:00Z" } : r));
    const a = analyse({ ...model, rings });
    expect(codes(a)).toEqual(["minor:short_bake"]);
    expect(a.rings[0]!.bakeMinutes).toBe(50);
  });

  it("infers a missing promotion from the next ring's start and says so", () => {
    const rings = model.rings.map((r, i) => (i === 1 ? { ...r, promotedAt: null } : r));
    const a = analyse({ ...model, rings });
    expect(a.rings[1]).toMatchObject({ promotedAt: "2025-03-03T12:00:00.000Z", promotionInferred: true, bakeMinutes: 120 });
    expect(a.assumptions.some((s) => s.includes("Ring 'Beta' has no promotion time"))).toBe(true);
  });

  it("measures exposure up to the first passed gate, counting rings started before it passed", () => {
    // Canary has no gate; Beta's gate passes at 12:00, when Preview has not started.
    const rings = model.rings.map((r, i) => (i === 0 ? { ...r, gate: null } : r));
    const a = analyse({ ...model, rings });
    expect(a.exposurePctBeforeFirstPassedGate).toBe(1);
    expect(a.firstPassedGateRing).toBe("Beta");
    // Preview started 11:30, before Beta's gate passed at 12:00: its 3% counts.
    const overlap = rings.map((r, i) => (i === 2 ? { ...r, startedAt: "2025-03-03T11:30:00Z" } : r));
    expect(analyse({ ...model, rings: overlap }).exposurePctBeforeFirstPassedGate).toBe(3);
  });

  it("rates exposure severity by size", () => {
    const at = (share: number) =>
      analyse({
        ...model,
        rings: model.rings.map((r, i) =>
          i === 0 ? { ...r, gate: null } : i === 1 ? { ...r, sharePct: share } : i > 1 ? { ...r, sharePct: Math.max(share, r.sharePct) } : r,
        ),
      }).findings.find((f) => f.code === "exposure_before_gate")?.severity;
    expect(at(1)).toBeUndefined();
    expect(at(3)).toBe("minor");
    expect(at(5)).toBe("minor");
    expect(at(6)).toBe("major");
    expect(at(50)).toBe("critical");
  });

  it("times a failed gate to its halt and flags a slow halt", () => {
    // Preview's gate fails at 13:45 (evaluatedAt); the halt comes at 14:45, an hour later; it is the last ring.
    const rings = model.rings.slice(0, 3).map((r, i) => (i === 2 ? { ...r, promotedAt: null, gate: { ...r.gate!, observed: 0.3, passed: false } } : r));
    const events = [
      { kind: "halt" as const, at: "2025-03-03T14:45:00Z", reason: "gate failed" },
      { kind: "rollback_started" as const, at: "2025-03-03T15:00:00Z", reason: "revert" },
      { kind: "rollback_completed" as const, at: "2025-03-03T15:30:00Z", reason: "reverted" },
    ];
    const a = analyse({ ...model, rings, events });
    expect(a.minutesFirstFailureToHalt).toBe(60);
    expect(a.minutesHaltToRollbackCompleted).toBe(45);
    expect(a.minutesReleaseToRollbackCompleted).toBe(450);
    expect(codes(a)).toEqual(["major:slow_halt"]);
    expect(a.findings[0]!.explanation).toContain("60 min later");
    expect(a.findings[0]!.explanation).toContain("observed 0.3%, threshold < 0.1%");
    expect(a.findings[0]!.explanation).toContain("3% of the fleet (30,000 devices)");
    expect(a.ringsPromotedAfterFailedGate).toEqual([]);
  });

  it("reports failed tests unless a later run passed, and rates them like missing ones", () => {
    const tests = [...model.tests, { kind: "rollback" as const, passed: false }, { kind: "fuzzing" as const, passed: false }];
    const a = analyse({ ...model, tests });
    expect(a.failedTestKinds).toEqual(["fuzzing"]);
    expect(codes(a)).toEqual(["major:failed_tests"]);
    const b = analyse({ ...model, tests: model.tests.map((t) => (t.kind === "validator" ? { ...t, passed: false } : t)) });
    expect(codes(b)).toEqual(["critical:failed_tests"]);
  });

  it("calls a jump from a sub-canary ring straight to 100% a global push", () => {
    const rings = [model.rings[0]!, { ...model.rings[4]!, startedAt: model.rings[1]!.startedAt }];
    const a = analyse({ ...model, rings });
    expect(a.globalPush).toBe(true);
    expect(codes(a)).toEqual(["critical:global_push", "major:large_step"]);
  });

  it("notes an open rollout", () => {
    const a = analyse({ ...model, rings: model.rings.slice(0, 3).map((r, i) => (i === 2 ? { ...r, promotedAt: null } : r)) });
    expect(codes(a)).toEqual(["info:open_ring"]);
    expect(a.minutesTo50Pct).toBeNull();
  });

  it("worstSeverity orders critical > major > minor > info", () => {
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([{ severity: "info" }, { severity: "major" }, { severity: "minor" }])).toBe("major");
    expect(worstSeverity([{ severity: "minor" }, { severity: "critical" }])).toBe("critical");
  });
});
