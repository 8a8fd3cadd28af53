import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRolloutCsv, ROLLOUT_CSV_HEADER, rolloutCsvTemplate, rolloutRecordToCsv } from "@/lib/rollouts/csv";
import { readCsv, writeCsv } from "@/lib/rollouts/csv-reader";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { rolloutRecordSchema } from "@/lib/rollouts/record-schema";
import { validRecordArb } from "@/lib/rollouts/test-arbitraries";

const header = ROLLOUT_CSV_HEADER.join(",");
/** A CSV line from named cells; every other column is empty. */
const line = (cells: Partial<Record<(typeof ROLLOUT_CSV_HEADER)[number], string>>) => ROLLOUT_CSV_HEADER.map((c) => cells[c] ?? "").join(",");
const release = line({
  type: "release",
  releaseId: "r1",
  version: "1.0",
  channel: "content",
  kernelMode: "false",
  releasedAt: "2025-01-01T00:00:00Z",
  ringOptIn: "no",
  nMinusOnePinning: "yes",
  delayHours: "",
});
const ring = (name: string, sharePct: string, startedAt: string, promotedAt = "") => line({ type: "ring", name, sharePct, startedAt, promotedAt });

describe("RFC 4180 reader", () => {
  it("reads quotes, doubled quotes, commas, line breaks and CRLF", () => {
    const text = 'a,"b, c","say ""hi"""\r\n"multi\r\nline",,x\r\n';
    expect(readCsv(text)).toEqual({
      rows: [
        ["a", "b, c", 'say "hi"'],
        ["multi\r\nline", "", "x"],
      ],
      errors: [],
    });
    expect(readCsv("a,b\nc,d").rows).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("reports unclosed quotes and stray quotes with the row", () => {
    expect(readCsv('a\n"open,b\n').errors).toEqual([{ row: 2, message: expect.stringMatching(/never closed/) }]);
    expect(readCsv('a\nb"c\n').errors[0]?.row).toBe(2);
    expect(readCsv('a\n"b"c\n').errors[0]?.message).toMatch(/after a closing quote/);
  });

  it("round-trips any table through writeCsv", () => {
    const cell = fc.string({ unit: fc.constantFrom("a", " ", ",", '"', "\n", "\r", "é", "1") });
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        expect(readCsv(writeCsv(rows)).rows).toEqual(rows);
      }),
    );
  });
});

describe("parseRolloutCsv", () => {
  it("parses the template", () => {
    const result = parseRolloutCsv(rolloutCsvTemplate());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.record.rings.map((r) => r.sharePct)).toEqual([0.5, 5, 100]);
    expect(result.record.rings[1]?.gate).toMatchObject({ metric: "custom", customMetric: "false positives reported", evaluatedAt: "2025-05-12T10:15:00.000Z" });
    expect(result.record.notes).toContain("\n");
    expect(result.record.events[1]?.reason).toContain('"unrelated"');
  });

  it("reads back what rolloutRecordToCsv wrote", () => {
    for (const input of [referenceIncident, referenceModelContent]) {
      const result = parseRolloutCsv(rolloutRecordToCsv(input));
      expect(result).toEqual({ ok: true, record: rolloutRecordSchema.parse(input) });
    }
    fc.assert(
      fc.property(validRecordArb, (input) => {
        expect(parseRolloutCsv(rolloutRecordToCsv(input))).toEqual({ ok: true, record: rolloutRecordSchema.parse(input) });
      }),
      { numRuns: 200 },
    );
  });

  it("reports a bad share in row 4 with that row and column", () => {
    const text = [header, release, ring("Canary", "1", "2025-01-01T00:00:00Z", "2025-01-01T02:00:00Z"), ring("Broad", "lots", "2025-01-01T02:00:00Z")].join(
      "\r\n",
    );
    const result = parseRolloutCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([{ row: 4, column: "sharePct", message: expect.stringMatching(/not a number/) }]);
  });

  it("maps schema issues back to the row and column", () => {
    const text = [header, release, ring("Canary", "10", "2025-01-01T00:00:00Z"), ring("Broad", "5", "2025-01-01T02:00:00Z", "2025-01-01T01:00:00Z")].join("\n");
    const result = parseRolloutCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { row: 4, column: "sharePct", path: "rings[1].sharePct", message: "Ring 'Broad' (rings[1]): The cumulative share cannot fall from 10% to 5%." },
      { row: 4, column: "promotedAt", path: "rings[1].promotedAt", message: "Ring 'Broad' (rings[1]): A ring cannot be promoted before it started." },
    ]);
  });

  it("keeps quoted commas and line breaks inside cells", () => {
    const cells = ROLLOUT_CSV_HEADER.map((c) =>
      c === "type"
        ? "event"
        : c === "eventKind"
          ? "pause"
          : c === "at"
            ? "2025-01-01T01:00:00+01:00"
            : c === "reason"
              ? '"Spike, checked\r\nby ""on-call"""'
              : "",
    );
    const text = [header, release, ring("All", "100", "2025-01-01T00:00:00Z"), cells.join(",")].join("\r\n");
    const result = parseRolloutCsv(text);
    expect(result.ok && result.record.events[0]).toEqual({ kind: "pause", at: "2025-01-01T00:00:00.000Z", reason: 'Spike, checked\r\nby "on-call"' });
  });

  it("rejects the whole file on any error, with row and column", () => {
    const bad = (rows: string[]) => {
      const r = parseRolloutCsv([header, ...rows].join("\n"));
      return r.ok ? [] : r.errors;
    };
    expect(bad([ring("All", "100", "2025-01-01T00:00:00Z")])).toEqual([{ message: "Add one row of type release." }]);
    expect(bad([release, release, ring("All", "100", "2025-01-01T00:00:00Z")])[0]).toMatchObject({ row: 3, column: "type" });
    expect(bad([release, line({ type: "rig", name: "x" })])[0]).toMatchObject({ row: 3, column: "type" });
    expect(bad([release, line({ type: "ring", name: "All", sharePct: "100", startedAt: "2025-01-01T00:00:00Z", testKind: "stress" })])[0]).toMatchObject({
      row: 3,
      column: "testKind",
    });
    expect(bad([release, ring("All", "100", "2025-01-01T00:00:00")])[0]).toMatchObject({ row: 3, column: "startedAt", path: "rings[0].startedAt" });
    expect(bad([release, "ring,x"])[0]).toMatchObject({ row: 3, message: expect.stringMatching(/the header has 32/) });
    expect(bad([release])[0]).toMatchObject({ path: "rings", message: "A rollout has at least one ring." });
    expect(parseRolloutCsv("type,name\nring,x")).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([{ row: 1, column: "sharePct", message: 'The column "sharePct" is missing.' }]),
    });
    expect(parseRolloutCsv("")).toEqual({ ok: false, errors: [{ message: "The file is empty: start with the header row." }] });
  });
});
