import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Gap, GapKind } from "./completeness";
import { controlStates, gapKey, nextGap } from "./editor-state";

const controls = ["a", "b", "c", "d"].map((id) => ({ id }));
const gap = (controlUuid: string, kind: GapKind = "unanswered"): Gap => ({
  controlUuid,
  controlId: controlUuid.toUpperCase(),
  title: controlUuid,
  domainKey: "d",
  domainTitle: "D",
  kind,
  field: kind === "unanswered" ? "status" : kind === "no_evidence" || kind === "expired_evidence" ? "evidence" : "plan",
  message: `${controlUuid}: ${kind}`,
});

describe("control states", () => {
  it("shows the worst state of each control", () => {
    const s = controlStates(controls, [
      gap("a", "no_evidence"),
      gap("a", "unanswered"),
      gap("b", "no_evidence"),
      gap("c", "no_plan"),
      gap("c", "expired_evidence"),
    ]);
    expect(Object.fromEntries(s)).toEqual({ a: "unanswered", b: "evidence", c: "incomplete", d: "complete" });
  });
});

describe("next gap", () => {
  const gaps = [gap("a"), gap("a", "no_evidence"), gap("c"), gap("d", "no_plan")];

  it("starts at the control the person is on, or the first gap after it", () => {
    expect(gapKey(nextGap(controls, gaps, "a", null)!)).toBe(gapKey(gaps[0]!));
    expect(nextGap(controls, gaps, "b", null)?.controlUuid).toBe("c");
  });

  it("moves past a gap that was skipped, and wraps round", () => {
    expect(gapKey(nextGap(controls, gaps, "a", gapKey(gaps[0]!))!)).toBe(gapKey(gaps[1]!));
    expect(gapKey(nextGap(controls, gaps, "d", gapKey(gaps[3]!))!)).toBe(gapKey(gaps[0]!));
  });

  it("after a fix, goes to the next gap on the same control before moving on", () => {
    const fixed = gaps.slice(1); // the status of a was chosen
    expect(gapKey(nextGap(controls, fixed, "a", gapKey(gaps[0]!))!)).toBe(gapKey(gaps[1]!));
  });

  it("does not get stuck on two gaps of the same kind on one control", () => {
    const two = [
      gap("a"),
      { ...gap("b", "expired_evidence"), message: "b: old report expired" },
      { ...gap("b", "expired_evidence"), message: "b: old log expired" },
    ];
    const seen: string[] = [];
    let last: string | null = null;
    for (let i = 0; i < 3; i++) {
      const g = nextGap(controls, two, "a", last)!;
      seen.push(g.message);
      last = gapKey(g);
    }
    expect(seen).toEqual(["a: unanswered", "b: old report expired", "b: old log expired"]);
  });

  it("says there is nothing left when there are no gaps", () => {
    expect(nextGap(controls, [], "a", null)).toBeNull();
  });

  it("pressed repeatedly without fixing anything, visits every gap once per round", () => {
    const kinds: GapKind[] = ["unanswered", "no_evidence", "no_plan"];
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 })), { minLength: 1, selector: (t) => t.join() }),
        fc.integer({ min: 0, max: 3 }),
        (picks, start) => {
          const list = picks.sort((x, y) => x[0] - y[0] || x[1] - y[1]).map(([ci, ki]) => gap(controls[ci]!.id, kinds[ki]!));
          let last: string | null = null;
          let at = controls[start]!.id;
          const seen = new Set<string>();
          for (let i = 0; i < list.length; i++) {
            const g = nextGap(controls, list, at, last)!;
            seen.add(gapKey(g));
            last = gapKey(g);
            at = g.controlUuid;
          }
          expect(seen.size).toBe(list.length);
        },
      ),
    );
  });
});
