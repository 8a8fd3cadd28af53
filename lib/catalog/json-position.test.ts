import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { findJsonErrorOffset, lineColumn } from "./json-position";

describe("findJsonErrorOffset", () => {
  it("finds nothing wrong in valid JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        expect(findJsonErrorOffset(JSON.stringify(v, null, pretty ? 2 : undefined))).toBeUndefined();
      }),
    );
  });

  it("agrees with JSON.parse that broken text is broken", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom("", ",", "}", "]", "x", '"', "\\"), (v, at, junk) => {
        const s = JSON.stringify(v);
        const cut = s.slice(0, at % (s.length + 1)) + junk;
        let valid = true;
        try {
          JSON.parse(cut);
        } catch {
          valid = false;
        }
        expect(findJsonErrorOffset(cut) === undefined).toBe(valid);
      }),
    );
  });

  it("points at the offending character", () => {
    expect(findJsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(findJsonErrorOffset('{"a": tru}')).toBe(9);
    expect(findJsonErrorOffset("[1, 2")).toBe(5);
    expect(findJsonErrorOffset('{"a": "x\ny"}')).toBe(8);
    expect(findJsonErrorOffset("[01]")).toBe(2);
    expect(lineColumn("ab\ncd\nef", 7)).toEqual({ line: 3, column: 2 });
  });
});
