import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalDigest, canonicalize, CanonicalJsonError, sha256Hex } from "./canonical-json";

describe("canonicalize (RFC 8785)", () => {
  it("matches the RFC 8785 section 3.2.2 example", () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,0.000001],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalize(JSON.parse(input))).toBe(expected);
  });

  it("sorts keys by UTF-16 code units (RFC 8785 section 3.2.3)", () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    // (Object.keys would list the integer-like key "1" first, so compare the text.)
    expect(canonicalize(JSON.parse(input))).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","ö":"Latin Small Letter O With Diaeresis",' +
        '"€":"Euro Sign","😀":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // U+FFFF sorts after a surrogate pair (UTF-16, not code point order).
    expect(canonicalize({ "\uffff": 1, "\ud83d\ude00": 2 })).toBe('{"😀":2,"\uffff":1}');
  });

  it("serialises numbers like ECMAScript (RFC 8785 appendix B)", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [9007199254740992, "9007199254740992"],
      [295147905179352830000, "295147905179352830000"],
      [1e21, "1e+21"],
      [1e-7, "1e-7"],
      [333333333.33333329, "333333333.3333333"],
      [1e30, "1e+30"],
      [4.5, "4.5"],
      [2e-3, "0.002"],
      [0.000001, "0.000001"],
      [-1.5, "-1.5"],
      [100, "100"],
    ];
    for (const [n, s] of cases) expect(canonicalize(n)).toBe(s);
    expect(canonicalize(JSON.parse("[4.50, 1E30, -0.0]"))).toBe("[4.5,1e+30,0]");
  });

  it("escapes strings with the mandatory escapes only", () => {
    expect(canonicalize('\b\t\n\f\r"\\')).toBe(String.raw`"\b\t\n\f\r\"\\"`);
    expect(canonicalize("\u0000\u0001\u001f\u007f")).toBe('"\\u0000\\u0001\\u001f\u007f"');
    expect(canonicalize("</script> é € 😀 \u2028")).toBe('"</script> é € 😀 \u2028"');
  });

  it("handles nesting, empty containers and omits undefined members", () => {
    expect(canonicalize({ b: [], a: {}, c: { z: null, y: [1, "x", false] }, u: undefined })).toBe('{"a":{},"b":[],"c":{"y":[1,"x",false],"z":null}}');
    expect(canonicalize({ at: new Date(Date.UTC(2024, 0, 2)) })).toBe('{"at":"2024-01-02T00:00:00.000Z"}');
    expect(canonicalize(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it("rejects values that are not JSON data", () => {
    const bad: unknown[] = [NaN, Infinity, -Infinity, undefined, [1, undefined], 10n, { f: () => 1 }, Symbol("s"), new Map(), { s: "\ud800" }, "\udc00x"];
    for (const v of bad) expect(() => canonicalize(v)).toThrow(CanonicalJsonError);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cyclic/);
    expect(() => canonicalize({ a: [0, NaN] })).toThrow(/\$\.a\[1\]/);
    const shared = { x: 1 };
    expect(canonicalize([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it("is stable under a JSON round trip (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalize(v);
        expect(canonicalize(JSON.parse(c))).toBe(c);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on input key order (property)", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })), fc.integer(), (dict, seed) => {
        const entries = Object.entries(dict);
        const shuffled = [...entries].sort((a, b) => (hash(a[0], seed) - hash(b[0], seed)) | 0);
        expect(canonicalize(Object.fromEntries(shuffled))).toBe(canonicalize(dict));
        expect(canonicalize(Object.fromEntries(entries.reverse()))).toBe(canonicalize(dict));
      }),
      { numRuns: 300 },
    );
  });
});

function hash(s: string, seed: number): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x9e3779b1);
  return h;
}

describe("digests", () => {
  it("sha256Hex hashes strings as UTF-8 and bytes as-is", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("€")).toBe(createHash("sha256").update(Buffer.from("€", "utf8")).digest("hex"));
    expect(sha256Hex(new Uint8Array([1, 2, 3]))).toBe(
      createHash("sha256")
        .update(Buffer.from([1, 2, 3]))
        .digest("hex"),
    );
  });

  it("canonicalDigest ignores key order and formatting", () => {
    expect(canonicalDigest({ b: 1, a: [1.0, "x"] })).toBe(canonicalDigest(JSON.parse('{ "a": [1, "x"], "b": 1.00 }')));
    expect(canonicalDigest({ a: 1 })).toBe(sha256Hex('{"a":1}'));
  });
});
