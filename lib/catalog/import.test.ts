import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { parseFrameworkImport } from "./import";
import { frameworkToOscal } from "./oscal-export";
import { smallFramework } from "./fixtures/small-framework";
import { DEFAULT_ANSWER_REQUIREMENTS } from "./answer-requirements";
import { fromBase64, toBase64 } from "./oscal-common";
import { SSDF_PATH, requireOscal, skipOscal } from "./fixtures/oscal-dir";

const json = (v: unknown) => JSON.stringify(v, null, 2);
const clone = () => structuredClone(smallFramework) as any;

describe("parseFrameworkImport: accepted documents", () => {
  it("accepts a Ringfence framework document", () => {
    const r = parseFrameworkImport(json(smallFramework));
    expect(r).toEqual({ ok: true, doc: smallFramework, format: "ringfence", warnings: [], draftOnly: false });
  });

  it("accepts a Ringfence OSCAL export as a publishable framework", () => {
    const r = parseFrameworkImport(json(frameworkToOscal(smallFramework, {})));
    expect(r).toEqual({ ok: true, doc: smallFramework, format: "oscal", warnings: [], draftOnly: false });
  });

  it.skipIf(skipOscal)("accepts the NIST SSDF catalog as a draft only", () => {
    requireOscal();
    const r = parseFrameworkImport(readFileSync(SSDF_PATH, "utf8"));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.format).toBe("oscal");
    expect(r.draftOnly).toBe(true);
    expect(r.doc.domains.map((d) => d.key)).toEqual(["PO", "PS", "PW", "RV"]);
    expect(r.doc.domains.flatMap((d) => d.controls).every((c) => c.rubric.every((x) => x === ""))).toBe(true);
  });

  it("gives a document exported before versions carried answer requirements the default rules, in both formats", () => {
    const { answerRequirements: _r, ...old } = smallFramework;
    expect(parseFrameworkImport(json(old))).toEqual({
      ok: true,
      doc: { ...smallFramework, answerRequirements: DEFAULT_ANSWER_REQUIREMENTS },
      format: "ringfence",
      warnings: [],
      draftOnly: false,
    });
    const oscal = frameworkToOscal(smallFramework, {}) as { catalog: { "back-matter": { resources: { base64: { value: string } }[] } } };
    const res = oscal.catalog["back-matter"].resources[0]!;
    const { answerRequirements: _a, ...data } = JSON.parse(fromBase64(res.base64.value)) as Record<string, unknown>;
    res.base64.value = toBase64(JSON.stringify(data));
    const r = parseFrameworkImport(json(oscal));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc.answerRequirements).toEqual(DEFAULT_ANSWER_REQUIREMENTS);
    expect(r.warnings).toEqual(["catalog.back-matter.resources[0]: no answer requirements; the default rules used"]);
  });

  it("keeps a Ringfence document with empty rubric descriptors as a draft and says where", () => {
    const doc = clone();
    doc.domains[1].controls[0].rubric[3] = "  ";
    const r = parseFrameworkImport(json(doc));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.draftOnly).toBe(true);
    expect(r.doc.domains[1]!.controls[0]!.rubric[3]).toBe("");
    expect(r.warnings).toEqual(["domains[1].controls[0].rubric[3]: This field is required. The framework is kept as a draft until it is written."]);
  });
});

describe("parseFrameworkImport: refused documents", () => {
  it("reports JSON syntax errors with line and column", () => {
    const r = parseFrameworkImport('{\n  "format": "ringfence.framework/v1",\n  "slug": oops\n}');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.path).toBe("line 3, column 11");
    expect(r.errors[0]!.message).toMatch(/^invalid JSON: /);
    const truncated = parseFrameworkImport('{"format": "ringfence.framework/v1"');
    expect(!truncated.ok && truncated.errors[0]!.path).toMatch(/^line 1, column \d+$/);
  });

  it("refuses empty files, non-objects and unknown formats", () => {
    expect(parseFrameworkImport("  ")).toEqual({ ok: false, errors: [{ path: "(document)", message: "the file is empty" }] });
    expect(parseFrameworkImport("[1,2]")).toMatchObject({ ok: false, errors: [{ path: "(document)" }] });
    expect(parseFrameworkImport('{"format":"other/v9"}')).toMatchObject({ ok: false, errors: [{ path: "format" }] });
    expect(parseFrameworkImport('{"hello":1}')).toMatchObject({ ok: false, errors: [{ path: "(document)" }] });
  });

  it("reports every problem of a malformed Ringfence document, located", () => {
    const doc = clone();
    doc.version = 2; // wrong type
    doc.domains[0].controls[1].weight = "high"; // wrong type
    doc.domains[0].controls[0].rubric.splice(3, 1); // missing rubric entry
    doc.domains[1].controls[0].rubric[2] = undefined; // a hole in the rubric
    doc.domains[1].controls[1].id = "SDP-ROL-01"; // duplicate control id
    doc.domains[1].controls[0].applicability.channels = []; // empty list
    delete doc.domains[1].controls[0].statement; // missing field
    delete doc.answerRequirements.planned; // a status left out of the rules
    doc.answerRequirements.partial.plan = "yes"; // not a boolean
    const r = parseFrameworkImport(json(doc));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.errors.map((e) => [e.path, e.message]));
    expect(byPath).toEqual({
      version: "Invalid input: expected string, received number",
      "domains[0].controls[0].rubric": "A rubric has one descriptor for each maturity level, 0 to 4.",
      "domains[0].controls[1].weight": "Invalid input: expected number, received string",
      "domains[1].controls[0].statement": "This field is required.",
      "domains[1].controls[0].applicability.channels": "Choose at least one channel.",
      "domains[1].controls[0].rubric[2]": "This field is required.",
      "answerRequirements.planned": "This field is required.",
      "answerRequirements.partial.plan": "Invalid input: expected boolean, received string",
    });
    // the duplicate id is a document-level rule, checked once the shape is right
    const dup = clone();
    dup.domains[1].controls[1].id = "SDP-ROL-01";
    const r2 = parseFrameworkImport(json(dup));
    expect(!r2.ok && r2.errors).toEqual([{ path: "domains[1].controls[1].id", message: "The control id SDP-ROL-01 is used twice." }]);
  });

  it("refuses an OSCAL catalog whose control lacks an id, with every error located", () => {
    const oscal = frameworkToOscal(smallFramework, {}) as any;
    delete oscal.catalog.groups[1].controls[1].id;
    delete oscal.catalog.groups[0].controls[0].title;
    delete oscal.catalog.metadata.title;
    const r = parseFrameworkImport(json(oscal));
    expect(!r.ok && r.errors).toEqual([
      { path: "catalog.metadata.title", message: "This field is required." },
      { path: "catalog.groups[0].controls[0].title", message: "This field is required." },
      { path: "catalog.groups[1].controls[1].id", message: "This field is required." },
    ]);
  });
});

describe("parseFrameworkImport: text PostgreSQL cannot hold", () => {
  it("refuses NUL and lone surrogates in values, and drops keys it does not know (so none reach jsonb)", () => {
    const doc = clone();
    doc.domains[0].controls[0].title = "Bad\u0000title";
    doc.domains[0].controls[0].rubric[1] = "lone \uD800";
    const r = parseFrameworkImport(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(expect.arrayContaining(["domains[0].controls[0].title", "domains[0].controls[0].rubric[1]"]));
    const keys = clone();
    keys["x\u0000"] = 1;
    keys.domains[0].controls[0].mappings = [{ scheme: "other", ref: "R1", "\uD800": "y" }];
    keys.thresholds = keys.thresholds && { ...keys.thresholds, "k\u0000": 2 };
    const k = parseFrameworkImport(JSON.stringify(keys));
    expect(k.ok).toBe(true);
    if (k.ok) expect(JSON.stringify(k.doc)).not.toMatch(/\\u0000|\\ud800/i);
  });
});
