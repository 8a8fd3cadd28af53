import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PORTAL_ORIGIN, safeNext } from "@/lib/auth/safe-next";

const staysHome = (target: string) => new URL(target, PORTAL_ORIGIN).origin === PORTAL_ORIGIN;

// `next` arrives percent-decoded from the query string: test both the encoded form and what the page receives.
const ENCODED_ATTACKS = [
  "%2F%09%2Fevil.example",
  "%2F%0A%2Fevil.example",
  "%2F%0D%2Fevil.example",
  "%2F%0D%0A%2Fevil.example",
  "%2F%5C%09evil.example",
  "%2F%09%5Cevil.example",
  "%5C%5Cevil.example",
  "%2F%5Cevil.example",
  "%5C%2Fevil.example",
  "%09%2F%2Fevil.example",
  "%20%2F%2Fevil.example",
  "%2F%2Fevil.example",
  "%2F.%2F%2Fevil.example",
  "%2Fa%2F..%2F%2Fevil.example",
  "%2F%2e%2F%2Fevil.example",
  "https%3A%2F%2Fevil.example",
  "%2F%2F%2Fevil.example",
  "javascript%3Aalert(1)",
  "data%3Atext%2Fhtml%2C%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  "%2F%00%2Fevil.example",
  "%2F%7F%2Fevil.example",
];

describe("safeNext: where to go after sign-in", () => {
  it("keeps ordinary same-site paths, query and fragment", () => {
    expect(safeNext("/vendor/evidence?x=1#y")).toBe("/vendor/evidence?x=1#y");
    expect(safeNext("/admin/users?org=1")).toBe("/admin/users?org=1");
    expect(safeNext("/")).toBe("/");
    expect(safeNext("/review/a%20b")).toBe("/review/a%20b");
  });

  it("returns the normalised path, not the raw input", () => {
    expect(safeNext("/vendor/../admin/users")).toBe("/admin/users");
    expect(safeNext("/a b")).toBe("/a%20b");
  });

  it("refuses absolute, protocol-relative, scheme and empty targets", () => {
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "\\\\evil.example", "javascript:alert(1)", "", undefined, null]) {
      expect(safeNext(bad)).toBe("/");
    }
  });

  it("refuses every tab, CR, LF, backslash and dot-segment variant, encoded or decoded", () => {
    for (const encoded of ENCODED_ATTACKS) {
      const decoded = decodeURIComponent(encoded);
      for (const candidate of [encoded, decoded]) {
        const result = safeNext(candidate);
        expect(staysHome(result), `${JSON.stringify(candidate)} → ${JSON.stringify(result)}`).toBe(true);
      }
      expect(safeNext(decoded)).toBe("/");
    }
  });

  it("reads a scheme-relative target with the portal's own scheme as a path on the portal", () => {
    expect(safeNext("https:evil.example")).toBe("/evil.example");
  });

  it("refuses any control character anywhere", () => {
    for (let c = 0; c < 0x20; c++) expect(safeNext(`/vendor${String.fromCharCode(c)}x`)).toBe("/");
    expect(safeNext("/vendor\u007fx")).toBe("/");
  });

  it("never returns a target that leaves the portal origin (property, 1,000+ runs)", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`safeNext property seed: ${seed} (rerun with FC_SEED=${seed})`);
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      "\t",
      "\n",
      "\r",
      " ",
      "\u0000",
      "\u000b",
      "\u000c",
      "\u007f",
      ".",
      "..",
      "%2F",
      "%5C",
      "%09",
      "%2e",
      "evil.example",
      "@",
      ":",
      "?",
      "#",
      "https:",
      "http:",
      "javascript:",
      "data:",
      "vendor",
      "x=1",
      "\u3000",
      "\uff0f",
      "\u2028",
    );
    const target = fc.oneof(
      fc.array(piece, { maxLength: 12 }).map((parts) => parts.join("")),
      fc.array(piece, { maxLength: 12 }).map((parts) => "/" + parts.join("")),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.string({ unit: "binary", maxLength: 40 }),
    );
    fc.assert(
      fc.property(target, (s) => {
        const result = safeNext(s);
        return result.startsWith("/") && staysHome(result) && !/[\u0000-\u001f\u007f]/.test(result);
      }),
      { numRuns: 2000, seed },
    );
  });

  it("keeps generated ordinary paths unchanged (property)", () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    console.log(`safeNext ordinary-path seed: ${seed}`);
    const segment = fc.stringMatching(/^[a-z0-9_-]{1,12}$/);
    const path = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.option(segment, { nil: undefined }), fc.option(segment, { nil: undefined }));
    fc.assert(
      fc.property(path, ([segments, query, fragment]) => {
        const p = `/${segments.join("/")}${query ? `?q=${query}` : ""}${fragment ? `#${fragment}` : ""}`;
        return safeNext(p) === p;
      }),
      { numRuns: 1000, seed },
    );
  });
});
