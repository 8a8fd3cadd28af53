import { describe, expect, it } from "vitest";
import { analyseRollout, checkRolloutRecord, type Finding, type RolloutAnalysis } from "@/lib/rollouts/analysis";
import { referenceModelCode, referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { baselineThresholds } from "@/lib/rollouts/fixtures/thresholds";
import type { RolloutRecordInput } from "@/lib/rollouts/record-schema";

/** One test per analyser-2 rule, each example of the issue included; every explanation must carry its numbers. */

function analyse(input: RolloutRecordInput, thresholds = baselineThresholds): RolloutAnalysis {
  const checked = checkRolloutRecord(input);
  if (!checked.ok) throw new Error(JSON.stringify(checked.reasons));
  return analyseRollout(checked.record, thresholds);
}
const find = (a: RolloutAnalysis, code: Finding["code"]) => {
  const f = a.findings.find((x) => x.code === code);
  if (!f) throw new Error(`no ${code} in ${a.findings.map((x) => x.code).join(", ")}`);
  return f;
};
const H = 60;
const at = (base: string, min: number) => new Date(Date.parse(base) + min * 60_000).toISOString();
const T0 = "2025-04-07T08:00:00Z";
const gate = (evaluatedAt: string, observed: number | null = 0.01, extra: Partial<Record<string, unknown>> = {}) => ({
  metric: "crash_rate" as const,
  comparator: "<" as const,
  threshold: 0.1,
  observed,
  unit: "%",
  baseline: 0.01,
  evaluatedAt,
  passed: true,
  ...extra,
});
type R = RolloutRecordInput["rings"][number];
/** Rings from [name, share, start min, declared promotion min | null, gate minute | null]. */
const rings = (spec: [string, number, number, number | null, number | null][]): R[] =>
  spec.map(([name, sharePct, s, p, g]) => ({
    name,
    sharePct,
    startedAt: at(T0, s),
    promotedAt: p === null ? null : at(T0, p),
    gate: g === null ? null : gate(at(T0, g)),
  }));
const code = (patch: Partial<RolloutRecordInput>): RolloutRecordInput => ({ ...referenceModelCode, releasedAt: T0, ...patch });

describe("bakes measured from what happened", () => {
  it("a declared 24 h bake cut to 1 h by the next ring reaching 100%: short bake critical, early next ring major", () => {
    const a = analyse(
      code({
        kernelMode: false,
        rings: rings([
          ["Canary", 1, 0, 50 * H, 49 * H],
          ["Staged", 10, 50 * H, 74 * H, 50 * H + 50],
          ["Broad", 100, 51 * H, null, null],
        ]),
      }),
    );
    expect(a.rings[1]!.bakeMinutes).toBe(60);
    const short = find(a, "short_bake");
    expect(short.severity).toBe("critical");
    expect(short.explanation).toContain("'Staged' baked 60 min before 'Broad' (100%) began");
    expect(short.explanation).toContain("24 h (1440 min)");
    const early = find(a, "early_next_ring");
    expect(early.severity).toBe("major");
    expect(early.explanation).toContain("23 h (1380 min) earlier");
  });
  it("every ring of a kernel-mode code update promoted after zero bake is critical, against the 48 h kernel minimum", () => {
    const a = analyse(
      code({
        rings: rings([
          ["Canary", 1, 0, 0, 0],
          ["Staged", 10, 0, 0, 0],
          ["Broad", 100, 0, null, null],
        ]),
      }),
    );
    const f = find(a, "short_bake");
    expect(f.severity).toBe("critical");
    expect(f.explanation).toContain("48 h (2880 min), the minimum for kernel-mode code updates");
    expect(f.explanation).toContain("'Canary' baked 0 min");
  });
  it("kernel-mode content gets the 4 h minimum; catalogs without the field fall back to the documented default", () => {
    const content = { ...referenceModelContent, kernelMode: true };
    const a = analyse(content);
    expect(a.minBakeMinutes).toBe(240);
    expect(find(a, "short_bake").severity).toBe("major");
    const { kernelModeMinBakeMinutes: _k, globalPushPct: _g, ...old } = baselineThresholds;
    const b = analyse(content, old);
    expect(b.minBakeMinutes).toBe(240);
    expect(b.assumptions.some((s) => s.includes("default for kernel-mode content releases, 4 h (240 min)"))).toBe(true);
  });
});

describe("gates before promotion", () => {
  it("gates on the canary only: every later promotion without a gate is a finding, critical into 100%", () => {
    const a = analyse(
      code({
        kernelMode: false,
        rings: rings([
          ["Canary", 1, 0, 25 * H, 24 * H],
          ["Early", 10, 25 * H, 50 * H, null],
          ["Staged", 40, 50 * H, 75 * H, null],
          ["Broad", 100, 75 * H, null, null],
        ]),
      }),
    );
    expect(a.ringsPromotedWithoutGate).toEqual(["Early", "Staged"]);
    const f = find(a, "ungated_promotion");
    expect(f.severity).toBe("critical");
    expect(f.explanation).toContain("'Staged' (40%) was promoted when 'Broad' started at 2025-04-10 11:00 UTC, taking exposure to 100%, but it had no gate");
  });
  it("a gate evaluated after the next ring started, or with no observed value, does not gate the promotion", () => {
    const late = rings([
      ["Canary", 1, 0, 25 * H, 24 * H],
      ["Early", 10, 25 * H, 50 * H, 51 * H],
      ["Broad", 100, 50 * H, null, null],
    ]);
    expect(find(analyse(code({ kernelMode: false, rings: late })), "ungated_promotion").explanation).toContain("evaluated at 2025-04-09 11:00 UTC, after that");
    const pending = late.map((r, i) => (i === 1 ? { ...r, gate: gate(at(T0, 49 * H), null) } : r));
    expect(find(analyse(code({ kernelMode: false, rings: pending })), "ungated_promotion").explanation).toContain("its gate has no observed value");
  });
});

describe("gates judged by their numbers", () => {
  it("a gate marked passed whose observed value breaches its threshold is failed, and the claim is a finding", () => {
    const r = rings([
      ["Canary", 1, 0, 25 * H, 24 * H],
      ["Broad", 100, 25 * H, null, null],
    ]);
    r[0] = { ...r[0]!, gate: gate(at(T0, 24 * H), 0.4) };
    const a = analyse(code({ kernelMode: false, rings: r }));
    expect(a.rings[0]!.gate).toBe("failed");
    expect(find(a, "gate_claim_contradicted")).toMatchObject({
      severity: "major",
      explanation: "'Canary' was reported passed, but its observed value fails its own threshold.",
    });
    expect(find(a, "promoted_after_failed_gate").severity).toBe("critical");
  });
  it("a vendor's 'failed' is taken at its word even when the numbers pass", () => {
    const r = rings([["Canary", 1, 0, null, 24 * H]]);
    r[0] = { ...r[0]!, gate: gate(at(T0, 24 * H), 0.01, { passed: false }) };
    const a = analyse(code({ kernelMode: false, rings: r, events: [{ kind: "halt", at: at(T0, 24 * H + 5), reason: "vendor halted" }] }));
    expect(a.rings[0]!.gate).toBe("failed");
    expect(find(a, "gate_claim_contradicted").severity).toBe("minor");
  });
});

describe("failed gates need a halt and, where devices were harmed, a rollback", () => {
  it("a failed gate on the last (100%) ring with no halt and no rollback: both critical, with the exposure", () => {
    const r = rings([
      ["Canary", 1, 0, 25 * H, 24 * H],
      ["Staged", 10, 25 * H, 50 * H, 49 * H],
      ["Broad", 100, 50 * H, null, null],
    ]);
    r[2] = { ...r[2]!, gate: gate(at(T0, 52 * H), 0.9) };
    const a = analyse(code({ kernelMode: false, fleetSize: 1_000_000, rings: r }));
    const halt = find(a, "no_halt");
    expect(halt.severity).toBe("critical");
    expect(halt.explanation).toContain("ring 'Broad' failed its crash rate gate at 2025-04-09 12:00 UTC (observed 0.9%, threshold < 0.1%)");
    expect(halt.explanation).toContain("100% of the fleet (1,000,000 devices)");
    expect(halt.explanation).toContain("halt within 30 min");
    expect(find(a, "no_rollback").severity).toBe("critical");
  });
  it("severity grows with exposure: a failed canary gate left running is major, a cpu gate needs no rollback", () => {
    const r = rings([["Canary", 1, 0, null, 60]]);
    r[0] = { ...r[0]!, gate: gate(at(T0, 60), 0.5) };
    const a = analyse(code({ kernelMode: false, rings: r }));
    expect(find(a, "no_halt").severity).toBe("major");
    expect(find(a, "no_rollback").severity).toBe("major");
    const cpu = [{ ...r[0]!, gate: gate(at(T0, 60), 30, { metric: "cpu", threshold: 5, unit: "%" }) }];
    const b = analyse(code({ kernelMode: false, rings: cpu, events: [{ kind: "halt", at: at(T0, 70), reason: "cpu" }] }));
    expect(b.findings.map((f) => f.code)).not.toContain("no_rollback");
    expect(b.findings.map((f) => f.code)).not.toContain("slow_halt");
  });
});

describe("global push", () => {
  it("1% then 100% in one step is critical, whatever the canary", () => {
    const a = analyse(
      code({
        kernelMode: false,
        rings: rings([
          ["Canary", 1, 0, 25 * H, 24 * H],
          ["Broad", 100, 25 * H, null, null],
        ]),
      }),
    );
    expect(find(a, "global_push")).toMatchObject({ severity: "critical" });
    expect(find(a, "global_push").explanation).toContain("from 1% to 100% of the fleet in one step (policy: from at most 1% to at least 90%");
    const to90 = analyse(
      code({
        kernelMode: false,
        rings: rings([
          ["Canary", 0.5, 0, 25 * H, 24 * H],
          ["Broad", 90, 25 * H, null, null],
        ]),
      }),
    );
    expect(find(to90, "global_push").severity).toBe("critical");
    const staged = analyse(
      code({
        kernelMode: false,
        rings: rings([
          ["Canary", 1, 0, 25 * H, 24 * H],
          ["Staged", 10, 25 * H, 50 * H, 49 * H],
          ["Broad", 100, 50 * H, null, null],
        ]),
      }),
    );
    expect(staged.globalPush).toBe(false);
  });
});

describe("legacy free-text gates", () => {
  it("still parse, are analysed on the vendor's word and flagged as not machine-checkable", () => {
    const legacy = { signal: "crash rate", threshold: "crash rate < 0.1%", observed: "0.01%", passed: true };
    const r = rings([
      ["Canary", 1, 0, 25 * H, null],
      ["Broad", 10, 25 * H, null, null],
    ]).map((x, i) => (i === 0 ? { ...x, gate: legacy } : x));
    const a = analyse(code({ kernelMode: false, rings: r }));
    expect(a.ringsWithUncheckableGate).toEqual(["Canary"]);
    expect(a.rings[0]).toMatchObject({ gate: "passed", gateCheckable: false });
    expect(find(a, "unverifiable_gate")).toMatchObject({ severity: "major" });
    expect(find(a, "unverifiable_gate").explanation).toContain("1 ring has a free-text gate");
  });
});

describe("reference model", () => {
  it("stays free of critical and major findings with numeric gates", () => {
    for (const r of [referenceModelContent, referenceModelCode]) {
      const a = analyse(r);
      expect(a.findings.filter((f) => f.severity === "critical" || f.severity === "major")).toEqual([]);
      expect(a.ringsPromotedWithoutGate).toEqual([]);
    }
  });
});

describe("long records", () => {
  it("names at most eight rings in one explanation, the most severe first, and counts the rest", () => {
    // A content update in 30 rings of 20-minute bakes; ring 29 bakes 5 minutes before the rest of the fleet, the worst case, which must be named.
    const start = (i: number) => (i <= 28 ? i * 20 : 28 * 20 + 5);
    const spec: [string, number, number, number | null, number | null][] = Array.from({ length: 30 }, (_, i) => [
      `R${i + 1}`,
      i === 29 ? 100 : Math.round((0.5 + i * 1.5) * 10) / 10,
      start(i),
      i === 29 ? null : start(i + 1),
      i === 29 ? null : start(i + 1) - 1,
    ]);
    const a = analyse({ ...referenceModelContent, releasedAt: T0, rings: rings(spec) });
    const f = find(a, "short_bake");
    expect(f.severity).toBe("critical");
    expect(f.explanation).toMatch(/; and 21 more rings\.?$/);
    expect(f.explanation).toContain("'R29' baked 5 min before 'R30' (100%)");
    expect(f.explanation.match(/ baked /g)).toHaveLength(8);
    expect(a.ringsPromotedBeforeMinBake).toHaveLength(29);
  });
});
