import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ANSWER_FIELDS, ANSWER_STATUSES, describeRequirements, type AnswerRequirements } from "@/lib/catalog/answer-requirements";
import { isApplicable } from "./applicability";
import { compareRevisions } from "./compare";
import { DEFAULT_ANSWER_REQUIREMENTS, findGaps, gapAnchor, GAP_KINDS, groupGaps, progressByDomain, requiredFields, type GapAnswer } from "./completeness";
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
  it("lists each kind of gap with its control, by the default rules", () => {
    const controls = [c("1"), c("2"), c("3"), c("4", true), c("5"), c("6", true)];
    const answers = new Map([
      ["2", a({ status: "not_applicable" })],
      ["3", a({ status: "partial", narrative: "n", plan: "x" })],
      ["4", a({ narrative: "n" })],
      ["5", a({ narrative: "n" })],
      ["6", a({ status: "planned", narrative: "n", targetDate: "2026-09-01", plan: "p" })],
    ]);
    const evidence = new Map([["5", [{ id: "e", title: "Old", validUntil: "2020-01-01" }]]]);
    expect(findGaps(controls, answers, evidence, "2026-01-01").map((g) => [g.controlId, g.kind, g.field])).toEqual([
      ["SDP-T-1", "unanswered", "status"],
      ["SDP-T-1", "no_narrative", "narrative"],
      ["SDP-T-2", "no_justification", "justification"],
      ["SDP-T-3", "no_plan", "target"],
      ["SDP-T-4", "no_evidence", "evidence"],
      ["SDP-T-5", "expired_evidence", "evidence"],
    ]);
    // A planned must control needs no evidence by default; not applicable needs no narrative.
    expect(progressByDomain(controls, answers, evidence)).toEqual([
      {
        key: "T",
        title: "Test",
        applicable: 6,
        answered: 5,
        missingEvidence: [
          { id: "4", controlId: "SDP-T-4" },
          { id: "6", controlId: "SDP-T-6" },
        ],
      },
    ]);
  });

  it("reports an unanswered control's missing narrative and evidence at once, so answering it uncovers nothing new", () => {
    const controls = [c("1", true), c("2", true), c("3")];
    const answers = new Map([["2", a({ status: "planned" })]]);
    const before = findGaps(controls, answers, new Map(), "2026-01-01");
    expect(before.map((g) => [g.controlId, g.kind, gapAnchor(g)])).toEqual([
      ["SDP-T-1", "unanswered", "SDP-T-1-status"],
      ["SDP-T-1", "no_narrative", "SDP-T-1-narrative"],
      ["SDP-T-1", "no_evidence", "SDP-T-1-evidence"],
      ["SDP-T-2", "no_narrative", "SDP-T-2-narrative"],
      ["SDP-T-2", "no_plan", "SDP-T-2-target"],
      ["SDP-T-3", "unanswered", "SDP-T-3-status"],
      ["SDP-T-3", "no_narrative", "SDP-T-3-narrative"],
    ]);
    expect(before.find((g) => g.kind === "no_plan")!.message).toBe("SDP-T-2: Add a target date and a plan.");
    expect(groupGaps(before).map((g) => [g.kind, g.gaps.length])).toEqual([
      ["unanswered", 2],
      ["no_narrative", 3],
      ["no_evidence", 1],
      ["no_plan", 1],
    ]);
    // Answer everything with a narrative but without linking evidence: only gaps already listed remain.
    const answered = new Map(controls.map((x) => [x.id, a({ narrative: "n" })]));
    const after = findGaps(controls, answered, new Map(), "2026-01-01");
    const key = (g: { controlId: string; kind: string }) => `${g.controlId}/${g.kind}`;
    expect(after.map(key)).toEqual(["SDP-T-1/no_evidence", "SDP-T-2/no_evidence"]);
  });

  it("follows the version's own rules, passed as the fifth argument", () => {
    const none = Object.fromEntries(ANSWER_STATUSES.map((s) => [s, Object.fromEntries(ANSWER_FIELDS.map((f) => [f, false]))])) as AnswerRequirements;
    const strict: AnswerRequirements = {
      ...none,
      not_applicable: { narrative: true, justification: true, targetDate: false, plan: false, evidence: true },
      implemented: { ...none.implemented, plan: true },
    };
    const controls = [c("1", true), c("2", true)];
    const answers = new Map([
      ["1", a({ status: "not_applicable" })],
      ["2", a({ plan: "" })],
    ]);
    expect(findGaps(controls, answers, new Map(), "2026-01-01", strict).map((g) => [g.controlId, g.kind, g.field, g.message])).toEqual([
      ["SDP-T-1", "no_narrative", "narrative", "SDP-T-1: No narrative yet."],
      ["SDP-T-1", "no_justification", "justification", "SDP-T-1: No justification yet."],
      ["SDP-T-1", "no_evidence", "evidence", "SDP-T-1: A must control needs at least one piece of linked evidence."],
      ["SDP-T-2", "no_plan", "plan", "SDP-T-2: Add a plan."],
    ]);
    expect(findGaps(controls, answers, new Map(), "2026-01-01", none)).toEqual([]);
    expect(requiredFields("not_applicable", false, strict)).toEqual(["narrative", "justification"]);
    expect(requiredFields("not_applicable", true, strict)).toEqual(["narrative", "justification", "evidence"]);
  });

  it("names the default rules: narratives for every status but not applicable, evidence for implemented and partial must controls", () => {
    expect(requiredFields("implemented", true)).toEqual(["narrative", "evidence"]);
    expect(requiredFields("implemented", false)).toEqual(["narrative"]);
    expect(requiredFields("partial", true)).toEqual(["narrative", "targetDate", "plan", "evidence"]);
    expect(requiredFields("planned", true)).toEqual(["narrative", "targetDate", "plan"]);
    expect(requiredFields("not_applicable", true)).toEqual(["justification"]);
    expect(requiredFields(null, true)).toEqual(requiredFields("implemented", true));
    expect(describeRequirements(DEFAULT_ANSWER_REQUIREMENTS.partial)).toBe(
      "A narrative, a target date and a plan. Must controls also need at least one piece of linked evidence.",
    );
    expect(describeRequirements(DEFAULT_ANSWER_REQUIREMENTS.not_applicable)).toBe("A justification.");
    expect(Object.isFrozen(DEFAULT_ANSWER_REQUIREMENTS.implemented)).toBe(true);
    expect(GAP_KINDS.map((k) => k.kind)).toEqual(["unanswered", "no_narrative", "no_evidence", "expired_evidence", "no_plan", "no_justification"]);
  });
});

/** Any rules, any controls, any answers and links. */
const fieldRules = fc.record(Object.fromEntries(ANSWER_FIELDS.map((f) => [f, fc.boolean()])) as Record<(typeof ANSWER_FIELDS)[number], fc.Arbitrary<boolean>>);
const rulesArb = fc.record(Object.fromEntries(ANSWER_STATUSES.map((s) => [s, fieldRules])) as Record<(typeof ANSWER_STATUSES)[number], typeof fieldRules>);
const answerArb = fc.record({
  status: fc.constantFrom(null, ...ANSWER_STATUSES),
  narrative: fc.constantFrom("", "  ", "n"),
  justification: fc.constantFrom("", "j"),
  targetDate: fc.constantFrom(null, "2026-09-01"),
  plan: fc.constantFrom("", "\n", "p"),
});
const caseArb = fc.array(
  fc.record({
    must: fc.boolean(),
    answer: fc.option(answerArb, { nil: undefined }),
    links: fc.array(fc.constantFrom("2020-01-01", "2030-01-01", null), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 6 },
);
type Case = { must: boolean; answer?: GapAnswer; links: (string | null)[] };
const build = (cases: Case[]) => {
  const controls = cases.map((k, i) => c(String(i), k.must));
  const answers = new Map(cases.flatMap((k, i) => (k.answer ? [[String(i), k.answer] as const] : [])));
  const links = new Map(cases.map((k, i) => [String(i), k.links.map((validUntil, j) => ({ id: `e${j}`, title: `E${j}`, validUntil }))]));
  return { controls, answers, links };
};
const filled = (x: GapAnswer | undefined, f: (typeof ANSWER_FIELDS)[number], linked: number) =>
  f === "narrative"
    ? Boolean(x?.narrative.trim())
    : f === "justification"
      ? Boolean(x?.justification.trim())
      : f === "targetDate"
        ? Boolean(x?.targetDate)
        : f === "plan"
          ? Boolean(x?.plan.trim())
          : linked > 0;

describe("completeness, for any catalog rules", () => {
  it("finds no gap exactly when every control has a status, every required field and no expired evidence", () => {
    fc.assert(
      fc.property(rulesArb, caseArb, (rules, cases) => {
        const { controls, answers, links } = build(cases);
        const gaps = findGaps(controls, answers, links, "2026-01-01", rules);
        const complete = controls.every((ctl) => {
          const x = answers.get(ctl.id);
          const l = links.get(ctl.id) ?? [];
          return (
            Boolean(x?.status) &&
            requiredFields(x!.status, ctl.must, rules).every((f) => filled(x, f, l.length)) &&
            l.every((e) => e.validUntil === null || e.validUntil >= "2026-01-01")
          );
        });
        expect(gaps.length === 0).toBe(complete);
        // Evidence is only ever asked of must controls.
        for (const g of gaps.filter((x) => x.kind === "no_evidence")) expect(controls.find((x) => x.id === g.controlUuid)!.must).toBe(true);
        // Each other gap points at a field the rules require of that control and that is empty.
        const asRule = { narrative: "narrative", justification: "justification", target: "targetDate", plan: "plan", evidence: "evidence" } as const;
        for (const g of gaps) {
          if (g.kind === "unanswered" || g.kind === "expired_evidence" || g.field === "status") continue;
          const ctl = controls.find((x) => x.id === g.controlUuid)!;
          const x = answers.get(ctl.id);
          expect(requiredFields(x?.status ?? null, ctl.must, rules)).toContain(asRule[g.field]);
          expect(filled(x, asRule[g.field], (links.get(ctl.id) ?? []).length)).toBe(false);
        }
      }),
    );
  });

  it("lists everything at once: filling in what the list names, as implemented, uncovers no new gap", () => {
    fc.assert(
      fc.property(rulesArb, caseArb, (rules, cases) => {
        const { controls, answers, links } = build(cases);
        const before = findGaps(controls, answers, links, "2026-01-01", rules);
        // Choose "implemented" for every unanswered control and change nothing else.
        const chosen = new Map(
          controls.map((ctl) => [ctl.id, answers.get(ctl.id)?.status ? answers.get(ctl.id)! : a({ ...answers.get(ctl.id), status: "implemented" })]),
        );
        const after = findGaps(controls, chosen, links, "2026-01-01", rules);
        const key = (g: { controlUuid: string; kind: string }) => `${g.controlUuid}/${g.kind}`;
        const listed = new Set(before.map(key));
        for (const g of after) expect(listed.has(key(g))).toBe(true);
        expect(after.filter((g) => g.kind === "unanswered")).toEqual([]);
      }),
    );
  });
});

describe("signing summary", () => {
  it("counts answers by status and distinct evidence, and names expired evidence", () => {
    const ev = (id: string, validUntil: string | null) => ({
      id,
      title: `Item ${id}`,
      kind: "url",
      evidenceDate: null,
      validUntil,
      classification: "publishable",
      url: null,
      fileName: null,
      sha256: null,
      size: null,
    });
    const ctl = (controlId: string, status: string | null, evidence: ReturnType<typeof ev>[]) => ({
      id: controlId,
      controlId,
      title: controlId,
      domain: "T",
      must: false,
      status,
      narrative: "",
      maturity: null,
      justification: "",
      targetDate: null,
      plan: "",
      evidence,
    });
    const s = summariseForSigning(
      {
        attestation: { id: "a", lineageId: "l", revision: 2, kind: "new", periodStart: "2026-01-01", periodEnd: "2026-06-30" },
        product: { id: "p", name: "Console", platforms: [], kernelMode: false, channels: [] },
        framework: { versionId: "v", title: "Safe Deployment Principles", version: "1.0" },
        controls: [
          ctl("A", "implemented", [ev("1", null), ev("2", "2020-01-01")]),
          ctl("B", "implemented", [ev("1", null)]),
          ctl("C", "planned", [ev("2", "2020-01-01")]),
          ctl("D", null, []),
        ],
      },
      "2026-01-01",
    );
    expect(s).toMatchObject({
      product: "Console",
      framework: { title: "Safe Deployment Principles", version: "1.0" },
      period: { start: "2026-01-01", end: "2026-06-30" },
      revision: 2,
      controls: 4,
      evidenceItems: 2,
      evidenceLinks: 4,
    });
    expect(s.byStatus).toEqual([
      { status: "implemented", count: 2 },
      { status: "partial", count: 0 },
      { status: "planned", count: 1 },
      { status: "not_applicable", count: 0 },
      { status: "unanswered", count: 1 },
    ]);
    expect(s.expired).toEqual([{ id: "2", title: "Item 2", validUntil: "2020-01-01", controlIds: ["A", "C"] }]);
  });
});

describe("revision comparison", () => {
  it("names changed fields control by control", () => {
    const base = {
      id: "x",
      controlId: "A",
      title: "A",
      status: "planned",
      narrative: "n",
      maturity: 1,
      justification: "",
      targetDate: "2026-05-01",
      plan: "p",
      evidence: [],
    };
    expect(compareRevisions([base], [{ ...base, status: "implemented", evidence: [{ id: "e", title: "Log" }] }])).toEqual([
      {
        controlId: "A",
        title: "A",
        change: "changed",
        fields: [
          { field: "Status", before: "planned", after: "implemented" },
          { field: "Evidence", before: "—", after: "Log" },
        ],
      },
    ]);
    expect(compareRevisions([base], [base])).toEqual([]);
  });
});
