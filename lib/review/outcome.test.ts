import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fcSeed } from "@/test/helpers/hostile";
import {
  baseResult,
  computeOutcome,
  flagged,
  OUTCOME_RULES,
  RESULT_LABELS,
  RESULT_ORDER,
  rationaleRequired,
  spread,
  SPREAD_FLAG,
  worse,
  type OutcomeControl,
  type OutcomeResult,
} from "./outcome";

const controls: OutcomeControl[] = [
  { id: "SDP-ROL-01", domain: "ROL", domainTitle: "Staged rollout", weight: 2, must: true },
  { id: "SDP-ROL-02", domain: "ROL", domainTitle: "Staged rollout", weight: 1, must: false },
  { id: "SDP-ROL-03", domain: "ROL", weight: 1, must: true },
  { id: "SDP-TST-01", domain: "TST", domainTitle: "Testing before release", weight: 1, must: false },
];
const scored = (...s: number[]) => new Map(controls.map((c, i) => [c.id, s[i]!]));
const outcome = (s: number[], critical = 0) => computeOutcome(controls, scored(...s), critical);
const rank = (r: OutcomeResult) => RESULT_ORDER.indexOf(r);

describe("worse and labels", () => {
  it("orders does_not_meet < meets_with_conditions < meets", () => {
    expect(worse("meets", "meets_with_conditions")).toBe("meets_with_conditions");
    expect(worse("does_not_meet", "meets_with_conditions")).toBe("does_not_meet");
    expect(worse("meets", "meets")).toBe("meets");
    expect(RESULT_LABELS).toEqual({ meets: "Meets the principles", meets_with_conditions: "Meets with conditions", does_not_meet: "Does not meet" });
    expect(OUTCOME_RULES.map((r) => r.id)).toEqual(["mean", "must-zero", "critical", "low-control", "low-domain", "worst"]);
  });

  it("gives the base result from the mean at the thresholds", () => {
    expect(baseResult(3)).toBe("meets");
    expect(baseResult(2.99)).toBe("meets_with_conditions");
    expect(baseResult(2)).toBe("meets_with_conditions");
    expect(baseResult(1.99)).toBe("does_not_meet");
  });
});

describe("computeOutcome", () => {
  it("meets with a high mean and no caps, with weighted means per domain", () => {
    const o = outcome([4, 3, 3, 2]);
    expect(o.complete).toBe(true);
    expect(o.result).toBe("meets");
    expect(o.reasons).toEqual([]);
    expect(o.overallRaw).toBe(16 / 5);
    expect(o.overall).toBe(3.2);
    expect(o.domains.map((d) => [d.domain, d.title, d.weightedMean])).toEqual([
      ["ROL", "Staged rollout", 14 / 4],
      ["TST", "Testing before release", 2],
    ]);
    expect(o.domains[0]!.controls[0]).toEqual({ id: "SDP-ROL-01", weight: 2, must: true, score: 4 });
  });

  it("meets with conditions on a mean from 2.0 to below 3.0", () => {
    const o = outcome([3, 2, 2, 2]); // 12 / 5 = 2.4
    expect(o.result).toBe("meets_with_conditions");
    expect(o.reasons).toEqual(["The overall weighted mean is 2.40, below the 3.0 needed to meet the principles."]);
  });

  it("does not meet on a mean below 2.0", () => {
    const o = outcome([2, 2, 1, 2], 0); // 9 / 5 = 1.8
    expect(o.result).toBe("does_not_meet");
    expect(o.reasons[0]).toBe("The overall weighted mean is 1.80, below the 2.0 needed even to meet them with conditions.");
  });

  it("caps at meets with conditions when any control is scored 1 or lower", () => {
    const o = outcome([4, 1, 4, 4]); // mean 3.4
    expect(o.result).toBe("meets_with_conditions");
    expect(o.reasons).toEqual(['SDP-ROL-02 is scored 1; a control at 1 or lower allows at best "Meets with conditions".']);
    expect(outcome([4, 0, 4, 4]).result).toBe("meets_with_conditions"); // 0 on a control that is not a must
  });

  it("caps at meets with conditions when a domain's mean is below 2.0", () => {
    const many: OutcomeControl[] = [
      { id: "A-1", domain: "A", weight: 5, must: false },
      { id: "B-1", domain: "B", domainTitle: "Monitoring", weight: 1, must: false },
      { id: "B-2", domain: "B", weight: 1, must: false },
    ];
    const o = computeOutcome(
      many,
      new Map([
        ["A-1", 4],
        ["B-1", 2],
        ["B-2", 2],
      ]),
      0,
    ); // B mean exactly 2.0
    expect(o.result).toBe("meets");
    const low = computeOutcome(
      many,
      new Map([
        ["A-1", 4],
        ["B-1", 2],
        ["B-2", 1],
      ]),
      0,
    ); // B mean 1.5, overall 23 / 7
    expect(low.result).toBe("meets_with_conditions");
    expect(low.reasons).toContain("The Monitoring domain has a weighted mean of 1.50, below the 2.0 every domain needs.");
  });

  it("does not meet when a must-control is scored 0, whatever the mean", () => {
    const o = outcome([4, 4, 0, 4]); // mean 3.2
    expect(o.result).toBe("does_not_meet");
    expect(o.reasons).toEqual(["SDP-ROL-03 is a must-control scored 0."]);
  });

  it("does not meet when critical findings are unaddressed, whatever the scores", () => {
    expect(outcome([4, 4, 4, 4], 1).reasons).toEqual(["1 critical finding in linked rollout records is not marked addressed."]);
    expect(outcome([4, 4, 4, 4], 1).result).toBe("does_not_meet");
    expect(outcome([4, 4, 4, 4], 3).reasons).toEqual(["3 critical findings in linked rollout records are not marked addressed."]);
  });

  it("gives a reason for every rule that applies", () => {
    const o = outcome([1, 4, 0, 1], 2);
    expect(o.result).toBe("does_not_meet");
    expect(o.reasons).toEqual([
      "The overall weighted mean is 1.40, below the 2.0 needed even to meet them with conditions.",
      "SDP-ROL-03 is a must-control scored 0.",
      "2 critical findings in linked rollout records are not marked addressed.",
      'SDP-ROL-01 is scored 1; a control at 1 or lower allows at best "Meets with conditions".',
      'SDP-TST-01 is scored 1; a control at 1 or lower allows at best "Meets with conditions".',
      "The Staged rollout domain has a weighted mean of 1.50, below the 2.0 every domain needs.",
      "The Testing before release domain has a weighted mean of 1.00, below the 2.0 every domain needs.",
    ]);
  });

  it("decides on the unrounded mean and does not show a near miss as the threshold", () => {
    const near: OutcomeControl[] = [
      { id: "X-1", domain: "X", weight: 299, must: false },
      { id: "X-2", domain: "X", weight: 1, must: false },
    ];
    const o = computeOutcome(
      near,
      new Map([
        ["X-1", 3],
        ["X-2", 2],
      ]),
      0,
    ); // 899 / 300 = 2.99667
    expect(o.overall).toBe(3);
    expect(o.result).toBe("meets_with_conditions");
    expect(o.reasons).toEqual(["The overall weighted mean is 2.9966, below the 3.0 needed to meet the principles."]);
  });

  it("gives no result for an incomplete scorecard and lists the missing controls", () => {
    const scores = scored(4, 4, 4, 4);
    scores.delete("SDP-ROL-02");
    scores.delete("SDP-TST-01");
    expect(computeOutcome(controls, scores, 5)).toEqual({
      complete: false,
      missing: ["SDP-ROL-02", "SDP-TST-01"],
      domains: [],
      overall: null,
      overallRaw: null,
      result: null,
      reasons: [],
    });
  });

  it("rejects malformed input", () => {
    expect(() => computeOutcome([], new Map(), 0)).toThrow(RangeError);
    expect(() => computeOutcome([controls[0]!, controls[0]!], scored(4), 0)).toThrow(RangeError);
    expect(() => computeOutcome([{ ...controls[0]!, weight: 0.5 }], scored(4), 0)).toThrow(RangeError);
    expect(() => outcome([4, 4, 5, 4])).toThrow(RangeError);
    expect(() => outcome([4, 4, 2.5, 4])).toThrow(RangeError);
    expect(() => outcome([4, 4, 4, 4], -1)).toThrow(RangeError);
  });
});

describe("rationaleRequired, spread, flagged", () => {
  it("asks for a rationale at 2 or below, or 2 or more from the self-assessment", () => {
    expect(rationaleRequired(2, null)).toBe(true);
    expect(rationaleRequired(0, 0)).toBe(true);
    expect(rationaleRequired(3, null)).toBe(false);
    expect(rationaleRequired(3, 4)).toBe(false);
    expect(rationaleRequired(3, 1)).toBe(true);
    expect(rationaleRequired(4, 2)).toBe(true);
    expect(rationaleRequired(4, 3)).toBe(false);
  });

  it("measures the spread and flags 2 or more", () => {
    expect(spread([])).toBe(0);
    expect(spread([3])).toBe(0);
    expect(spread([1, 3, 2])).toBe(2);
    expect(SPREAD_FLAG).toBe(2);
    expect(flagged([1, 2, 2])).toBe(false);
    expect(flagged([1, 3])).toBe(true);
    expect(flagged([4])).toBe(false);
  });
});

describe("properties over random scorecards", () => {
  const scorecard = fc
    .array(
      fc.record({
        domain: fc.constantFrom("ROL", "TST", "MON", "GOV"),
        weight: fc.integer({ min: 1, max: 5 }),
        must: fc.boolean(),
        score: fc.integer({ min: 0, max: 4 }),
      }),
      { minLength: 1, maxLength: 15 },
    )
    .map((rows) => ({
      controls: rows.map((r, i): OutcomeControl => ({ id: `C-${i}`, domain: r.domain, weight: r.weight, must: r.must })),
      scores: new Map(rows.map((r, i) => [`C-${i}`, r.score])),
    }));
  const critical = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5 }));

  it("applies the hard caps, never beats the mean's result, and explains anything below meets", () => {
    const seed = fcSeed();
    fc.assert(
      fc.property(scorecard, critical, ({ controls: cs, scores }, crit) => {
        const o = computeOutcome(cs, scores, crit);
        if (!o.complete) throw new Error("a fully scored card must be complete");
        const mustZero = cs.some((c) => c.must && scores.get(c.id) === 0);
        if (mustZero || crit > 0) expect(o.result).toBe("does_not_meet");
        expect(rank(o.result)).toBeLessThanOrEqual(rank(baseResult(o.overallRaw)));
        if (cs.some((c) => scores.get(c.id)! <= 1)) expect(o.result).not.toBe("meets");
        expect(o.reasons.length > 0).toBe(o.result !== "meets");
      }),
      { numRuns: 1000, seed },
    );
  });

  it("never gets worse when one score is raised", () => {
    const seed = fcSeed();
    fc.assert(
      fc.property(scorecard, critical, fc.nat(), fc.integer({ min: 1, max: 4 }), ({ controls: cs, scores }, crit, pick, by) => {
        const id = cs[pick % cs.length]!.id;
        const raised = new Map(scores).set(id, Math.min(4, scores.get(id)! + by));
        const before = computeOutcome(cs, scores, crit);
        const after = computeOutcome(cs, raised, crit);
        expect(rank(after.result!)).toBeGreaterThanOrEqual(rank(before.result!));
      }),
      { numRuns: 1000, seed },
    );
  });

  it("never gives an incomplete scorecard a result", () => {
    const seed = fcSeed();
    fc.assert(
      fc.property(scorecard, critical, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), ({ controls: cs, scores }, crit, drops) => {
        const partial = new Map(scores);
        for (const d of drops) partial.delete(cs[d % cs.length]!.id);
        const o = computeOutcome(cs, partial, crit);
        expect(o.complete).toBe(false);
        expect(o.result).toBeNull();
        expect(o.missing).toEqual(cs.filter((c) => !partial.has(c.id)).map((c) => c.id));
      }),
      { numRuns: 1000, seed },
    );
  });
});
