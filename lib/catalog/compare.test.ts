import { describe, it, expect } from "vitest";
import { compareFrameworks } from "./compare";
import { smallFramework } from "./fixtures/small-framework";

describe("compareFrameworks", () => {
  it("reports exactly the added, removed and changed controls", () => {
    const before = structuredClone(smallFramework);
    const after = structuredClone(smallFramework);
    const rol = after.domains[0]!;
    const tst = after.domains[1]!;
    const removed = tst.controls.pop()!; // SDP-TST-02.a removed
    rol.controls.push({ ...structuredClone(removed), id: "SDP-ROL-03", title: "New control" }); // added
    rol.controls[0]!.rubric[2] = "Rings for both channels; promotion is manual but recorded.";
    tst.controls[0]!.title = "Content validator, tested";

    const diff = compareFrameworks(before, after);
    expect(diff.added).toEqual([{ id: "SDP-ROL-03", title: "New control", domainKey: "ROL" }]);
    expect(diff.removed).toEqual([{ id: "SDP-TST-02.a", title: "Fault injection", domainKey: "TST" }]);
    expect(diff.changed).toEqual([
      {
        id: "SDP-ROL-01",
        title: "Rings for every channel",
        domainKey: "ROL",
        fields: [
          { field: "rubric[2]", before: "Rings for both channels, promotion is manual.", after: "Rings for both channels; promotion is manual but recorded." },
        ],
      },
      {
        id: "SDP-TST-01",
        title: "Content validator, tested",
        domainKey: "TST",
        fields: [{ field: "title", before: "Content validator", after: "Content validator, tested" }],
      },
    ]);
    expect(diff.unchangedCount).toBe(1);
    expect(diff.frameworkChanges).toEqual([]);
  });

  it("reports moves between domains, domain changes and threshold changes", () => {
    const before = structuredClone(smallFramework);
    const after = structuredClone(smallFramework);
    const moved = after.domains[0]!.controls.splice(1, 1)[0]!;
    after.domains[1]!.controls.push(moved);
    after.domains[1]!.title = "Testing";
    after.domains.push({ key: "GOV", title: "Governance", description: "", controls: [] });
    after.thresholds!.minBakeMinutes.code = 720;
    after.version = "0.4.0";

    const diff = compareFrameworks(before, after);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([
      { id: "SDP-ROL-02", title: "Halt on failing health gate", domainKey: "TST", fields: [{ field: "domain", before: "ROL", after: "TST" }] },
    ]);
    expect(diff.unchangedCount).toBe(3);
    expect(diff.frameworkChanges).toEqual([
      { scope: "framework", kind: "changed", field: "version", before: "0.3.1", after: "0.4.0" },
      { scope: "domain", kind: "changed", key: "TST", field: "title", before: "Testing before release", after: "Testing" },
      { scope: "domain", kind: "added", key: "GOV", field: "domain", before: undefined, after: "Governance" },
      { scope: "thresholds", kind: "changed", field: "thresholds.minBakeMinutes.code", before: 1440, after: 720 },
    ]);
    const nulled = compareFrameworks(before, { ...before, thresholds: null });
    expect(nulled.frameworkChanges).toEqual([{ scope: "thresholds", kind: "removed", field: "thresholds", before: before.thresholds, after: null }]);
  });

  it("accepts drafts with empty rubric descriptors and partial controls", () => {
    const draft = { title: "Draft", domains: [{ key: "PO", title: "Prepare", controls: [{ id: "PO.1", title: "P", rubric: ["", "", "", "", ""] }] }] };
    const next = { title: "Draft", domains: [{ key: "PO", title: "Prepare", controls: [{ id: "PO.1", title: "P", rubric: ["a", "", "", "", ""] }] }] };
    const diff = compareFrameworks(draft, next);
    expect(diff.changed[0]!.fields).toEqual([{ field: "rubric[0]", before: "", after: "a" }]);
  });
});
