import { describe, expect, it } from "vitest";
import { isApplicable } from "./applicability";
import { compareRevisions } from "./compare";
import { findGaps, progressByDomain, type GapAnswer } from "./completeness";

const c = (id: string, must = false) => ({ id, controlId: `SDP-T-${id}`, title: `Control ${id}`, domainKey: "T", domainTitle: "Test", must });
const a = (p: Partial<GapAnswer>): GapAnswer => ({ status: "implemented", narrative: "", justification: "", targetDate: null, plan: "", ...p });

describe("applicability", () => {
  it("needs a shared channel, and kernel mode for kernel-only controls", () => {
    const content = { kernelMode: false, channels: [{ channel: "content" }] };
    expect(isApplicable({ channels: ["code", "content"], kernelOnly: false }, content)).toBe(true);
    expect(isApplicable({ channels: ["code"], kernelOnly: false }, content)).toBe(false);
    expect(isApplicable({ channels: ["content"], kernelOnly: true }, content)).toBe(false);
    expect(isApplicable({ channels: ["content"], kernelOnly: true }, { ...content, kernelMode: true })).toBe(true);
  });
});

describe("completeness", () => {
  it("lists each kind of gap with its control", () => {
    const controls = [c("1"), c("2"), c("3"), c("4", true), c("5")];
    const answers = new Map([["2", a({ status: "not_applicable" })], ["3", a({ status: "partial", plan: "x" })], ["4", a({})], ["5", a({})]]);
    const evidence = new Map([["5", [{ id: "e", title: "Old", validUntil: "2020-01-01" }]]]);
    expect(findGaps(controls, answers, evidence, "2026-01-01").map((g) => [g.controlId, g.kind])).toEqual([
      ["SDP-T-1", "unanswered"],
      ["SDP-T-2", "no_justification"],
      ["SDP-T-3", "no_plan"],
      ["SDP-T-4", "no_evidence"],
      ["SDP-T-5", "expired_evidence"],
    ]);
    expect(progressByDomain(controls, answers, evidence)).toEqual([{ key: "T", title: "Test", applicable: 5, answered: 4, missingEvidence: [{ id: "4", controlId: "SDP-T-4" }] }]);
  });
});

describe("revision comparison", () => {
  it("names changed fields control by control", () => {
    const base = { id: "x", controlId: "A", title: "A", status: "planned", narrative: "n", maturity: 1, justification: "", targetDate: "2026-05-01", plan: "p", evidence: [] };
    expect(compareRevisions([base], [{ ...base, status: "implemented", evidence: [{ id: "e", title: "Log" }] }])).toEqual([
      { controlId: "A", title: "A", change: "changed", fields: [{ field: "Status", before: "planned", after: "implemented" }, { field: "Evidence", before: "—", after: "Log" }] },
    ]);
    expect(compareRevisions([base], [base])).toEqual([]);
  });
});
