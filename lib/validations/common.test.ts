import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isRealDate, isoDate, isSafeText, optionalIsoDate, safeMultiline, safeText, unsafeJsonPath, wellFormed } from "./common";

describe("safeText / safeMultiline", () => {
  it("refuses NUL, lone surrogates and control characters", () => {
    for (const s of ["a\u0000b", "\uD800", "x\uDFFFy", "a\u001bb", "a\u007fb", "a\u0085b", "a\nb", "a\rb", "a\tb"]) {
      expect(safeText(100).safeParse(s).success, JSON.stringify(s)).toBe(false);
    }
    for (const s of ["a\u0000b", "\uD800", "a\u001b[31mb", "a\u000bb", "a\u000cb"]) {
      expect(safeMultiline(100).safeParse(s).success, JSON.stringify(s)).toBe(false);
    }
    expect(safeMultiline(100).parse("line 1\r\nline\t2\n")).toBe("line 1\r\nline\t2");
  });

  it("keeps ordinary Unicode, emoji pairs and bidi text", () => {
    for (const s of ["Prüfbericht", "検証レポート", "😀 👩‍👩‍👧", "\u202Eabc", "עברית"]) expect(safeText(100).parse(s)).toBe(s);
  });

  it("gives the given messages", () => {
    const r = safeText(3, { tooLong: "too long", unsafe: "bad" }).safeParse("abcd\u0000");
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(["too long", "bad"]);
    expect(safeText(3, { type: "required" }).safeParse(undefined).error?.issues[0]?.message).toBe("required");
  });

  it("wellFormed keeps the text as sent but refuses NUL and lone surrogates", () => {
    expect(wellFormed(10).parse("  pa ss ")).toBe("  pa ss ");
    expect(wellFormed(10).safeParse("pa\u0000ss").success).toBe(false);
    expect(wellFormed(10).safeParse("pa\uDC00ss").success).toBe(false);
  });

  it("accepted text is always storable (property)", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now());
    console.log("fast-check seed", seed);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 50 }), (s) => {
        const r = safeMultiline(100).safeParse(s);
        if (r.success) {
          expect(r.data.isWellFormed()).toBe(true);
          expect(r.data).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
        } else {
          expect(isSafeText(s.trim(), true) && s.trim().length <= 100).toBe(false);
        }
      }),
      { numRuns: 1000, seed },
    );
  });
});

describe("isoDate", () => {
  it("accepts real dates in years 1000-9999 only", () => {
    for (const d of ["2024-02-29", "2000-02-29", "1000-01-01", "9999-12-31", "2026-04-30"]) expect(isRealDate(d), d).toBe(true);
    for (const d of [
      "2026-13-45",
      "2026-02-30",
      "2026-02-29",
      "1900-02-29",
      "2026-04-31",
      "2026-00-10",
      "2026-01-00",
      "0999-12-31",
      "10000-01-01",
      "0001-01-01",
      "2026-1-5",
      "2026-01-05T00:00",
      " 2026-01-05",
      "2026-01-05\u0000",
      "",
    ]) {
      expect(isRealDate(d), d).toBe(false);
    }
  });

  it("refuses non-strings and reports a field message", () => {
    expect(isoDate().safeParse(20260101).success).toBe(false);
    expect(isoDate().safeParse(["2026-01-01"]).success).toBe(false);
    expect(isoDate().safeParse("2026-02-30").error?.issues[0]?.message).toMatch(/date that exists/);
    expect(optionalIsoDate().parse("")).toBeNull();
    expect(optionalIsoDate().parse(undefined)).toBeNull();
    expect(optionalIsoDate().parse("2026-03-31")).toBe("2026-03-31");
    expect(optionalIsoDate().safeParse("2026-02-30").success).toBe(false);
  });
});

describe("unsafeJsonPath", () => {
  it("finds NUL and lone surrogates in keys and values", () => {
    expect(unsafeJsonPath({ a: [1, "ok", { b: "x\u0000" }] })).toEqual(["a", 2, "b"]);
    expect(unsafeJsonPath({ "k\u0000": 1 })).toEqual(["k\u0000"]);
    expect(unsafeJsonPath(["\uD800"])).toEqual([0]);
    expect(unsafeJsonPath({ a: { b: ["fine", 1, null, true] } })).toBeNull();
  });
});
