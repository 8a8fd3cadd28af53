import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { checkRolloutRecord } from "@/lib/rollouts/analysis";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { isLegacyGate, rolloutRecordJsonSchema, rolloutRecordSchema, type RolloutRecordInput } from "@/lib/rollouts/record-schema";

const model = referenceModelContent;
const reasons = (input: unknown) => {
  const r = checkRolloutRecord(input);
  return r.ok ? [] : r.reasons;
};
const paths = (input: unknown) => reasons(input).map((r) => r.path);
const withRing = (i: number, patch: Partial<RolloutRecordInput["rings"][number]>): RolloutRecordInput => ({
  ...model,
  rings: model.rings.map((r, j) => (j === i ? { ...r, ...patch } : r)),
});

describe("rolloutRecordSchema", () => {
  it("normalises times to UTC", () => {
    const r = rolloutRecordSchema.parse({ ...referenceIncident, releasedAt: "2024-07-19T06:09:00+02:00" });
    expect(r.releasedAt).toBe("2024-07-19T04:09:00.000Z");
  });

  it("refuses text PostgreSQL cannot hold, in every string field, and drops unknown keys", () => {
    const gate = model.rings[0]?.gate;
    expect(paths({ ...model, releaseId: "r\u0000" })).toEqual(["releaseId"]);
    expect(paths({ ...model, version: "1.\uD800" })).toEqual(["version"]);
    expect(paths({ ...model, notes: "note\u001b[2J" })).toEqual(["notes"]);
    expect(paths(withRing(0, { name: "ring\nforged" }))).toEqual(["rings[0].name"]);
    if (gate && !isLegacyGate(gate))
      expect(paths(withRing(0, { gate: { ...gate, metric: "custom", unit: "\uDC00", customMetric: "a\u0000" } }))).toEqual([
        "rings[0].gate.customMetric",
        "rings[0].gate.unit",
      ]);
    expect(paths(withRing(0, { gate: { signal: "\uDC00", threshold: "a\u0000", observed: null, passed: true } }))).toEqual([
      "rings[0].gate.signal",
      "rings[0].gate.threshold",
    ]);
    expect(paths({ ...model, tests: [{ kind: "fuzzing", passed: true, evidenceUrl: "https://x.example/\u0000" }] })).toEqual(["tests[0].evidenceUrl"]);
    expect(paths({ ...model, events: [{ kind: "pause", at: model.releasedAt, reason: "multi\nline is fine" }] })).toEqual([]);
    const parsed = rolloutRecordSchema.parse({ ...model, "bad\u0000key": 1, customerControl: { ...model.customerControl, "\uD800": 2 } });
    expect(Object.keys(parsed)).not.toContain("bad\u0000key");
    expect(Object.keys(parsed.customerControl)).not.toContain("\uD800");
  });

  it("rejects times without an offset and impossible dates", () => {
    expect(paths({ ...model, releasedAt: "2025-03-03T08:00:00" })).toEqual(["releasedAt"]);
    expect(paths({ ...model, releasedAt: "2025-02-30T08:00:00Z" })).toEqual(["releasedAt"]);
    expect(reasons({ ...model, releasedAt: "2025-03-03 08:00" })[0]?.message).toMatch(/UTC offset/);
  });

  it("locates each structural impossibility at its field", () => {
    expect(paths(withRing(2, { sharePct: 101 }))).toEqual(["rings[2].sharePct"]);
    expect(paths(withRing(1, { sharePct: -1 }))).toEqual(["rings[1].sharePct"]);
    expect(paths(withRing(3, { sharePct: 2 }))).toEqual(["rings[3].sharePct"]);
    expect(paths(withRing(2, { promotedAt: "2025-03-03T11:00:00Z" }))).toEqual(["rings[2].promotedAt"]);
    expect(paths(withRing(0, { startedAt: "2025-03-03T07:59:00Z" }))).toEqual(["rings[0].startedAt"]);
    expect(paths(withRing(4, { name: "beta" }))).toEqual(["rings[4].name"]);
    expect(paths({ ...model, rings: [] })).toEqual(["rings"]);
    expect(paths({ ...model, events: [{ kind: "halt", at: "2025-03-03T07:00:00Z", reason: "x" }] })).toEqual(["events[0].at"]);
  });

  it("gives clear messages", () => {
    expect(reasons(withRing(3, { sharePct: 2 }))[0]?.message).toBe("Ring 'Current Staged' (rings[3]): The cumulative share cannot fall from 3% to 2%.");
    expect(reasons({ ...model, channel: "driver" })[0]).toEqual({ path: "channel", message: "The channel must be one of code, content." });
    expect(reasons(null)[0]?.path).toBe("(document)");
  });

  it("accepts minute precision and basic offsets, and refuses a time without an offset with one message", () => {
    expect(rolloutRecordSchema.parse({ ...model, releasedAt: "2025-03-03T09:00+01:00" }).releasedAt).toBe("2025-03-03T08:00:00.000Z");
    expect(rolloutRecordSchema.parse({ ...model, releasedAt: "2025-03-03T09:00:00+0100" }).releasedAt).toBe("2025-03-03T08:00:00.000Z");
    const r = reasons({ ...model, releasedAt: "2025-03-03T08:00" });
    expect(r).toEqual([{ path: "releasedAt", message: expect.stringMatching(/^Add a UTC offset to 2025-03-03T08:00/) }]);
  });

  it("names the ring or event as well as its position", () => {
    const events = [{ kind: "halt" as const, at: "2025-03-03T09:27Z", reason: "" }];
    expect(reasons({ ...model, events })).toEqual([{ path: "events[0].reason", message: "Event 'halt' at 2025-03-03T09:27Z (events[0]): Enter a reason." }]);
    expect(reasons(withRing(1, { name: "Current Preview" }))[0]?.message).toBe("Ring 'Current Preview' (rings[2]): This name is already used by rings[1].");
  });

  it("accepts the reference records", () => {
    expect(checkRolloutRecord(referenceIncident).ok).toBe(true);
    expect(checkRolloutRecord(model).ok).toBe(true);
  });
});

describe("rolloutRecordJsonSchema", () => {
  const schema = rolloutRecordJsonSchema();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  it("has a title and description and validates the reference records", () => {
    expect(schema.title).toBe("Ringfence rollout record");
    expect(typeof schema.description).toBe("string");
    expect(validate(referenceIncident)).toBe(true);
    expect(validate(model)).toBe(true);
  });

  it("rejects a time without offset and a share above 100", () => {
    expect(validate({ ...model, releasedAt: "2025-03-03T08:00:00" })).toBe(false);
    expect(validate(withRing(0, { sharePct: 120 }))).toBe(false);
  });
});
