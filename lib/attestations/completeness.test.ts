import { describe, expect, it } from "vitest";
import { isApplicable } from "./applicability";
import { compareRevisions } from "./compare";
import { findGaps, gapAnchor, groupGaps, progressByDomain, type GapAnswer } from "./completeness";
import { summariseForSigning } from "./summary";

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

  it("reports an unanswered must control's missing evidence at once, so answering it uncovers nothing new", () => {
    const controls = [c("1", true), c("2", true), c("3")];
    const answers = new Map([["2", a({ status: "planned" })]]);
    const before = findGaps(controls, answers, new Map(), "2026-01-01");
    expect(before.map((g) => [g.controlId, g.kind, gapAnchor(g)])).toEqual([
      ["SDP-T-1", "unanswered", "SDP-T-1-status"],
      ["SDP-T-1", "no_evidence", "SDP-T-1-evidence"],
      ["SDP-T-2", "no_plan", "SDP-T-2-target"],
      ["SDP-T-2", "no_evidence", "SDP-T-2-evidence"],
      ["SDP-T-3", "unanswered", "SDP-T-3-status"],
    ]);
    expect(groupGaps(before).map((g) => [g.kind, g.gaps.length])).toEqual([["unanswered", 2], ["no_evidence", 2], ["no_plan", 1]]);
    // Answer everything without linking evidence: only gaps already listed remain.
    const answered = new Map(controls.map((x) => [x.id, a({})]));
    const after = findGaps(controls, answered, new Map(), "2026-01-01");
    const key = (g: { controlId: string; kind: string }) => `${g.controlId}/${g.kind}`;
    expect(after.map(key).every((k) => before.map(key).includes(k))).toBe(true);
    expect(after.map(key)).toEqual(["SDP-T-1/no_evidence", "SDP-T-2/no_evidence"]);
  });
});

describe("signing summary", () => {
  it("counts answers by status and distinct evidence, and names expired evidence", () => {
    const ev = (id: string, validUntil: string | null) => ({ id, title: `Item ${id}`, kind: "url", evidenceDate: null, validUntil, classification: "publishable", url: null, fileName: null, sha256: null, size: null });
    const ctl = (controlId: string, status: string | null, evidence: ReturnType<typeof ev>[]) => ({ id: controlId, controlId, title: controlId, domain: "T", must: false, status, narrative: "", maturity: null, justification: "", targetDate: null, plan: "", evidence });
    const s = summariseForSigning(
      {
        attestation: { id: "a", lineageId: "l", revision: 2, kind: "new", periodStart: "2026-01-01", periodEnd: "2026-06-30" },
        product: { id: "p", name: "Console", platforms: [], kernelMode: false, channels: [] },
        framework: { versionId: "v", title: "Safe Deployment Principles", version: "1.0" },
        controls: [ctl("A", "implemented", [ev("1", null), ev("2", "2020-01-01")]), ctl("B", "implemented", [ev("1", null)]), ctl("C", "planned", [ev("2", "2020-01-01")]), ctl("D", null, [])],
      },
      "2026-01-01",
    );
    expect(s).toMatchObject({ product: "Console", framework: { title: "Safe Deployment Principles", version: "1.0" }, period: { start: "2026-01-01", end: "2026-06-30" }, revision: 2, controls: 4, evidenceItems: 2, evidenceLinks: 4 });
    expect(s.byStatus).toEqual([{ status: "implemented", count: 2 }, { status: "partial", count: 0 }, { status: "planned", count: 1 }, { status: "not_applicable", count: 0 }, { status: "unanswered", count: 1 }]);
    expect(s.expired).toEqual([{ id: "2", title: "Item 2", validUntil: "2020-01-01", controlIds: ["A", "C"] }]);
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
