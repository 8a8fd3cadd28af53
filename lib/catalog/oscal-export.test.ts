import { describe, it, expect } from "vitest";
import { frameworkDocumentSchema, type FrameworkDocument } from "./schema";
import { frameworkToOscal } from "./oscal-export";
import { oscalToFramework } from "./oscal-import";
import { RINGFENCE_OSCAL_NS, deterministicUuid, isOscalUuid } from "./oscal-common";
import { smallFramework } from "./fixtures/small-framework";
import { requireOscal, skipOscal, validateOscalCatalog } from "./fixtures/oscal-dir";

const LAST_MODIFIED = "2026-11-24T10:00:00Z";
type Cat = { catalog: Record<string, any> };

describe("frameworkToOscal", () => {
  const small = frameworkDocumentSchema.parse(smallFramework);

  it.skipIf(skipOscal)("exports the small framework as a valid OSCAL 1.2.3 catalog", () => {
    requireOscal();
    const oscal = frameworkToOscal(small, { lastModified: LAST_MODIFIED, status: "published" });
    expect(validateOscalCatalog(oscal)).toEqual([]);
    // also valid with the default timestamp
    expect(validateOscalCatalog(frameworkToOscal(small, {}))).toEqual([]);
  });

  it("maps domains to groups and controls to lower-case ids with the original id as label", () => {
    const { catalog } = frameworkToOscal(small, { lastModified: LAST_MODIFIED }) as Cat;
    expect(catalog.metadata["oscal-version"]).toBe("1.2.3");
    expect(catalog.metadata.version).toBe("0.3.1");
    expect(catalog.groups.map((g: any) => [g.id, g.class])).toEqual([
      ["rol", "domain"],
      ["tst", "domain"],
    ]);
    const ctl = catalog.groups[0].controls[0];
    expect(ctl.id).toBe("sdp-rol-01");
    expect(ctl.props[0]).toEqual({ name: "label", value: "SDP-ROL-01" });
    expect(ctl.props).toContainEqual({ name: "weight", ns: RINGFENCE_OSCAL_NS, value: "5" });
    expect(ctl.props).toContainEqual({ name: "mapping", ns: RINGFENCE_OSCAL_NS, class: "nist-ssdf", value: "PW.8.2" });
    expect(ctl.parts.map((p: any) => [p.name, p.class])).toEqual([
      ["statement", undefined],
      ["guidance", "vendor"],
      ["guidance", "reviewer"],
      ["assessment-method", "rubric"],
    ]);
    expect(ctl.parts[3].parts).toHaveLength(5);
    expect(ctl.parts[3].parts[2].prose).toBe(small.domains[0]!.controls[0]!.rubric[2]);
  });

  it("produces stable v4-layout UUIDs and honours opts.uuid", () => {
    const a = frameworkToOscal(small, { lastModified: LAST_MODIFIED }) as Cat;
    const b = frameworkToOscal(small, { lastModified: "2027-01-01T00:00:00Z" }) as Cat;
    expect(a.catalog.uuid).toBe(b.catalog.uuid);
    expect(a.catalog.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const edited = { ...small, title: "Edited" };
    expect((frameworkToOscal(edited, {}) as Cat).catalog.uuid).not.toBe(a.catalog.uuid);
    const fixed = "0b0e8f3c-5d2a-4c7e-9f11-2a3b4c5d6e7f";
    expect((frameworkToOscal(small, { uuid: fixed }) as Cat).catalog.uuid).toBe(fixed);
    expect(() => frameworkToOscal(small, { uuid: "0b0e8f3c-5d2a-1c7e-9f11-2a3b4c5d6e7f" })).toThrow(/UUID/);
    for (let i = 0; i < 200; i++) expect(isOscalUuid(deterministicUuid(`seed-${i}`))).toBe(true);
  });

  it("round-trips export → import to a deep-equal document", () => {
    const r = oscalToFramework(frameworkToOscal(small, { lastModified: LAST_MODIFIED }));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc).toEqual(small);
    expect(r.warnings).toEqual([]);
    // survives JSON serialisation too
    const again = oscalToFramework(JSON.parse(JSON.stringify(frameworkToOscal(small, {}))));
    expect(again.ok && again.doc).toEqual(small);
  });

  it.skipIf(skipOscal)("keeps exact texts OSCAL one-line datatypes cannot hold, and null thresholds", () => {
    const tricky: FrameworkDocument = structuredClone(small);
    tricky.title = "Line one\nline two";
    tricky.publisher = "Publisher  with\ttabs";
    tricky.thresholds = null;
    tricky.slug = "2024-tricky";
    tricky.domains[0]!.title = "Staged\r\nrollout";
    tricky.domains[0]!.controls[0]!.title = "Rings\nfor every channel";
    tricky.domains[0]!.controls[0]!.mappings[0]!.ref = "PW.8\n2";
    const oscal = frameworkToOscal(tricky, { lastModified: LAST_MODIFIED });
    expect(validateOscalCatalog(oscal)).toEqual([]);
    const r = oscalToFramework(oscal);
    expect(r.ok && r.doc).toEqual(tricky);
  });

  it("de-duplicates OSCAL ids of control ids that differ only in case", () => {
    const doc: FrameworkDocument = structuredClone(small);
    const first = doc.domains[1]!.controls[1]!;
    doc.domains[1]!.controls.push({ ...first, id: "SDP-TST-02.A" });
    const { catalog } = frameworkToOscal(doc, {}) as Cat;
    expect(catalog.groups[1].controls.map((c: any) => c.id)).toEqual(["sdp-tst-01", "sdp-tst-02.a", "sdp-tst-02.a-2"]);
    const r = oscalToFramework({ catalog });
    expect(r.ok && r.doc).toEqual(doc);
  });
});
