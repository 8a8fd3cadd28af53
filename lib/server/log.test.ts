import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { escapeForLog, logError, logInfo } from "./log";

afterEach(() => vi.restoreAllMocks());

describe("escapeForLog", () => {
  it("escapes control characters, separators, bidi marks and lone surrogates", () => {
    expect(escapeForLog("a\nb\r\tc")).toBe("a\\nb\\r\\tc");
    expect(escapeForLog("\u001b[31mred\u001b[0m")).toBe("\\x1b[31mred\\x1b[0m");
    expect(escapeForLog("nul\u0000 del\u007f c1\u0085")).toBe("nul\\x00 del\\x7f c1\\x85");
    expect(escapeForLog("x\u2028y\u202Ez\u2066")).toBe("x\\u2028y\\u202ez\\u2066");
    expect(escapeForLog("\uD800 \uDC00")).toBe("\\ud800 \\udc00");
    expect(escapeForLog("back\\slash")).toBe("back\\\\slash");
  });

  it("keeps ordinary text and surrogate pairs", () => {
    expect(escapeForLog("Prüfbericht 検証 😀 report.pdf")).toBe("Prüfbericht 検証 😀 report.pdf");
  });

  it("always yields one line of printable, well-formed text (property)", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now());
    console.log("fast-check seed", seed);
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const out = escapeForLog(s);
        expect(out.isWellFormed()).toBe(true);
        expect(out).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 1000, seed },
    );
  });
});

describe("logError / logInfo", () => {
  it("cannot be made to print a forged line", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const ref = logError("upload of evil\n[ringfence] error 00000000 in fake.pdf", new Error("name \u001b[2Jcleared\r\nnext"));
    const line = String(spy.mock.calls[0]?.[0]);
    expect(line).toMatch(new RegExp(`^\\[ringfence\\] error ${ref} in upload of evil\\\\n`));
    expect(line).not.toMatch(/[\n\r\u001b]/);
    expect(line).toContain("\\x1b[2Jcleared\\r\\nnext");
  });

  it("keeps intended line breaks in info messages, indented", () => {
    const spy = vi.spyOn(console, "log").mockImplementation(() => {});
    logInfo("ready\nuser: a\u001b@b");
    expect(spy.mock.calls[0]?.[0]).toBe("[ringfence] ready\n    user: a\\x1b@b");
  });
});
