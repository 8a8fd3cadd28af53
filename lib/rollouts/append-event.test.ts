import { describe, expect, it } from "vitest";
import { checkRolloutRecord } from "./analysis";
import { appendEventSchema, applyRolloutEvent } from "./append-event";
import { referenceModelContent } from "./fixtures/reference-model";
import { findingCodeChanges } from "./history-diff";

const opened = (() => {
  const checked = checkRolloutRecord({ ...referenceModelContent, rings: [{ ...referenceModelContent.rings[0]!, promotedAt: null, gate: null }] });
  if (!checked.ok) throw new Error("fixture does not validate");
  return checked.record;
})();
const apply = (event: unknown) => applyRolloutEvent(opened, appendEventSchema.parse(event));

describe("applying pipeline events", () => {
  it("adds a ring, promotes one by name whatever its case, and records incidents as record events", () => {
    const started = apply({ type: "ring_started", name: "Beta", sharePct: 1, startedAt: "2025-03-03T10:00:00+02:00" });
    expect(started.ok && started.record.rings.map((r) => [r.name, r.startedAt, r.devices])).toEqual([
      [opened.rings[0]!.name, opened.rings[0]!.startedAt, null],
      ["Beta", "2025-03-03T08:00:00.000Z", null],
    ]);
    const promoted = apply({ type: "ring_promoted", ring: opened.rings[0]!.name.toUpperCase(), at: "2025-03-03T10:00:00Z" });
    expect(promoted.ok && promoted.record.rings[0]!.promotedAt).toBe("2025-03-03T10:00:00.000Z");
    const halted = apply({ type: "halt", at: "2025-03-03T10:00:00Z", reason: "crash spike" });
    expect(halted.ok && halted.record.events).toEqual([{ kind: "halt", at: "2025-03-03T10:00:00.000Z", reason: "crash spike" }]);
    expect(apply({ type: "close", at: "2025-03-03T10:00:00Z" })).toMatchObject({ ok: true, close: true, record: opened });
  });

  it("refuses an unknown ring and an unknown event type, and leaves the input record alone", () => {
    expect(apply({ type: "ring_promoted", ring: "Nowhere", at: "2025-03-03T10:00:00Z" })).toMatchObject({ ok: false, path: "ring" });
    expect(appendEventSchema.safeParse({ type: "explode", at: "2025-03-03T10:00:00Z" }).success).toBe(false);
    expect(opened.rings).toHaveLength(1);
    expect(opened.events).toEqual([]);
  });
});

describe("finding codes between analyses", () => {
  it("lists what appeared and disappeared relative to the previous analysis", () => {
    const a = (...codes: string[]) => ({ analysis: { findings: codes.map((code) => ({ code })) } });
    expect(findingCodeChanges([a("no_gates", "short_bake"), a("short_bake", "slow_halt"), { analysis: null }])).toEqual([
      { appeared: ["no_gates", "short_bake"], disappeared: [] },
      { appeared: ["slow_halt"], disappeared: ["no_gates"] },
      { appeared: [], disappeared: ["short_bake", "slow_halt"] },
    ]);
  });
});
