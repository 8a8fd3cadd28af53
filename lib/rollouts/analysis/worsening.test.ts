import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyseRollout, checkRolloutRecord, compareWorst, evaluateGate } from "@/lib/rollouts/analysis";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import { isLegacyGate, type RolloutRecordInput } from "@/lib/rollouts/record-schema";
import { validRecordArb } from "@/lib/rollouts/test-arbitraries";

/**
 * Making a record worse never makes its worst severity lower. Worsenings: a shorter
 * bake (an earlier recorded promotion, never overlapping the next ring), a bigger
 * step (a ring reaching what the next ring reached), a passed gate removed, a passed
 * or pending gate failed by its numbers, a stop moved later (never across a gate
 * evaluation), a passed test run removed.
 */

const MINUTE = 60_000;
const worst = (r: RolloutRecordInput) => {
  const c = checkRolloutRecord(r);
  if (!c.ok) throw new Error(JSON.stringify(c.reasons));
  return analyseRollout(c.record, baselineThresholds).worstSeverity;
};
type Ring = RolloutRecordInput["rings"][number];
/** Generated gates already have the parsed shape (claims are null or boolean). */
const outcome = (g: Ring["gate"]) => evaluateGate((g ?? null) as Parameters<typeof evaluateGate>[0])?.outcome ?? "none";
const setRing = (r: RolloutRecordInput, k: number, patch: Partial<Ring>) => ({ ...r, rings: r.rings.map((g, i) => (i === k ? { ...g, ...patch } : g)) });

function worsen(r: RolloutRecordInput, kind: number, k0: number, amount: number): RolloutRecordInput {
  const n = r.rings.length;
  const k = k0 % n;
  const ring = r.rings[k]!;
  const next = r.rings[k + 1];
  switch (kind) {
    case 0: {
      // shorter bake
      if (!next) return r;
      const nextStart = Date.parse(next.startedAt);
      const declared = ring.promotedAt ? Date.parse(ring.promotedAt) : nextStart;
      if (declared > nextStart) return r;
      const p = Math.max(Date.parse(ring.startedAt), declared - amount * MINUTE);
      return setRing(r, k, { promotedAt: new Date(p).toISOString() });
    }
    case 1: {
      // bigger step
      if (!next) return r;
      return setRing(r, k, { sharePct: next.sharePct, devices: next.devices ?? null });
    }
    case 2: // a passed gate removed
      return ring.gate && outcome(ring.gate) === "passed" ? setRing(r, k, { gate: null }) : r;
    case 3: {
      // a passed or pending gate failed by its numbers
      const g = ring.gate;
      if (!g || isLegacyGate(g) || outcome(g) === "failed") return r;
      const breach = g.comparator === "<" || g.comparator === "<=" ? g.threshold + 1 : g.threshold - 1;
      return setRing(r, k, { gate: { ...g, observed: breach } });
    }
    case 4: {
      // a stop moved later, never across a gate evaluation
      const stops = r.events.map((e, i) => [e, i] as const).filter(([e]) => e.kind !== "resume" && e.kind !== "rollback_completed");
      if (stops.length === 0) return r;
      const [e, i] = stops[k0 % stops.length]!;
      const from = Date.parse(e.at),
        to = from + amount * MINUTE;
      const crosses = r.rings.some((g) => g.gate && !isLegacyGate(g.gate) && Date.parse(g.gate.evaluatedAt) > from - 1 && Date.parse(g.gate.evaluatedAt) <= to);
      return crosses ? r : { ...r, events: r.events.map((x, j) => (j === i ? { ...x, at: new Date(to).toISOString() } : x)) };
    }
    default: {
      // a passed test run removed
      const passed = r.tests.map((t, i) => [t, i] as const).filter(([t]) => t.passed);
      if (passed.length === 0) return r;
      const drop = passed[k0 % passed.length]![1];
      return { ...r, tests: r.tests.filter((_, j) => j !== drop) };
    }
  }
}

describe("monotonicity", () => {
  it("making a record worse never makes its worst severity lower", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now());
    console.log("fast-check seed", seed);
    fc.assert(
      fc.property(validRecordArb, fc.array(fc.tuple(fc.nat(5), fc.nat(50), fc.integer({ min: 1, max: 3000 })), { minLength: 1, maxLength: 4 }), (r, steps) => {
        let before = r;
        for (const [kind, k, amount] of steps) {
          const after = worsen(before, kind, k, amount);
          expect(compareWorst(worst(after), worst(before)), `worsening ${kind} at ${k}`).toBeLessThanOrEqual(0);
          before = after;
        }
      }),
      { numRuns: 1000, seed },
    );
  });
});
