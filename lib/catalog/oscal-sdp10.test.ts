import { describe, it, expect } from "vitest";
import { frameworkDocumentSchema } from "./schema";
import { frameworkToOscal } from "./oscal-export";
import { oscalToFramework } from "./oscal-import";
import { parseFrameworkImport } from "./import";
import { frameworkJsonSchema } from "./json-schema";
import { compareFrameworks } from "./compare";
import { sdp10 } from "@/db/seed/catalog/sdp-1.0";
import { requireOscal, skipOscal, validateOscalCatalog } from "./fixtures/oscal-dir";
import Ajv2020 from "ajv/dist/2020";

describe("baseline catalog sdp10 interchange", () => {
  const baseline = frameworkDocumentSchema.parse(sdp10);

  it.skipIf(skipOscal)("exports as a valid OSCAL 1.2.3 catalog", () => {
    requireOscal();
    const oscal = frameworkToOscal(baseline, { lastModified: "2026-11-24T00:00:00Z", status: "published" });
    expect(validateOscalCatalog(oscal)).toEqual([]);
  });

  it("round-trips through OSCAL to a deep-equal document", () => {
    const r = oscalToFramework(JSON.parse(JSON.stringify(frameworkToOscal(baseline, {}))));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc).toEqual(baseline);
    expect(r.warnings).toEqual([]);
    expect(compareFrameworks(baseline, r.doc)).toMatchObject({ added: [], removed: [], changed: [], frameworkChanges: [] });
  });

  it("imports its own JSON and OSCAL exports as publishable", () => {
    const fromJson = parseFrameworkImport(JSON.stringify(sdp10));
    expect(fromJson).toMatchObject({ ok: true, format: "ringfence", draftOnly: false });
    const fromOscal = parseFrameworkImport(JSON.stringify(frameworkToOscal(baseline, {})));
    expect(fromOscal.ok && fromOscal.doc).toEqual(baseline);
    expect(fromOscal).toMatchObject({ ok: true, format: "oscal", draftOnly: false });
  });

  it("validates against the served JSON Schema", () => {
    const validate = new Ajv2020({ strict: false }).compile(frameworkJsonSchema());
    expect(validate(baseline), JSON.stringify(validate.errors)).toBe(true);
  });
});
