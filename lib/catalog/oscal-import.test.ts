import { describe, it, expect } from "vitest";
import { controlIdSchema, frameworkDocumentSchema } from "./schema";
import { draftFrameworkDocumentSchema, oscalToFramework } from "./oscal-import";
import { frameworkToOscal } from "./oscal-export";
import { smallFramework } from "./fixtures/small-framework";
import { BASIC_CATALOG_PATH, SSDF_PATH, readOscalJson, requireOscal, skipOscal } from "./fixtures/oscal-dir";

describe("oscalToFramework: NIST SSDF (SP 800-218)", () => {
  it.skipIf(skipOscal)("imports groups, practices and tasks as a draft framework", () => {
    requireOscal();
    const r = oscalToFramework(readOscalJson(SSDF_PATH));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const doc = r.doc;
    expect(doc.domains.map((d) => d.key)).toEqual(["PO", "PS", "PW", "RV"]);
    expect(doc.domains[0]!.title).toBe("Prepare the Organization");
    expect(doc.domains[0]!.description).toMatch(/^Organizations should ensure/);
    const controls = doc.domains.flatMap((d) => d.controls);
    const tasks = controls.filter((c) => /^[A-Z]{2}\.\d+\.\d+$/.test(c.id));
    const practices = controls.filter((c) => /^[A-Z]{2}\.\d+$/.test(c.id));
    expect(tasks).toHaveLength(42);
    expect(practices).toHaveLength(19);
    expect(controls).toHaveLength(61);
    expect(controls.map((c) => c.id)).toContain("PO.1.1");
    for (const c of controls) {
      expect(controlIdSchema.safeParse(c.id).success).toBe(true);
      expect(c.rubric).toEqual(["", "", "", "", ""]);
      expect(c.applicability).toEqual({ channels: ["code", "content"], kernelOnly: false });
      expect(c).toMatchObject({ weight: 1, must: false, evidenceKinds: ["document"] });
      expect(c.mappings).toEqual([{ scheme: "nist-ssdf", ref: c.id }]);
      expect(c.statement.length).toBeGreaterThan(0);
    }
    const po11 = controls.find((c) => c.id === "PO.1.1")!;
    expect(po11.statement).toMatch(/^Identify and document all security requirements/);
    expect(po11.title).not.toBe("PO.1.1");
    expect(po11.vendorGuidance).toMatch(/^Example 1: Define policies/);
    expect(po11.vendorGuidance).toContain("Example 4: Educate affected individuals");
    expect(controls.find((c) => c.id === "PO.1")!.title).toBe("Define Security Requirements for Software Development");
    expect(doc.publisher).toBe("National Institute of Standards and Technology");
    expect(doc.slug).toBe("ssdf");
    expect(doc.version).toBe("1.0.0");
    expect(doc.thresholds).toBeNull();
    expect(draftFrameworkDocumentSchema.safeParse(doc).success).toBe(true);
    expect(frameworkDocumentSchema.safeParse(doc).success).toBe(false);
  });

  it.skipIf(skipOscal)("imports the OSCAL basic catalog, flattening nested groups and resolving parameters", () => {
    requireOscal();
    const r = oscalToFramework(readOscalJson(BASIC_CATALOG_PATH));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc.domains.map((d) => d.key)).toEqual(["S1", "S2"]);
    const c = r.doc.domains[0]!.controls[0]!;
    expect(c.id).toBe("S1.1.1");
    expect(c.mappings).toEqual([{ scheme: "other", ref: "1.1.1" }]);
    expect(c.statement).toContain("[Selection (one or more): initiating a device lock after [Assignment: a duration] of inactivity;");
    expect(c.statement).not.toContain("{{");
    expect(r.warnings.some((w) => w.includes("nested group flattened"))).toBe(true);
  });
});

describe("oscalToFramework: other catalogs", () => {
  const uuid = "6f1c2d3e-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
  const meta = { title: "Tiny Catalog", version: "v2.1-final", "last-modified": "2026-01-01T00:00:00Z", "oscal-version": "1.2.3" };

  it("sanitizes keys and ids, places ungrouped controls in a General domain, and warns", () => {
    const r = oscalToFramework({
      catalog: {
        uuid,
        metadata: meta,
        groups: [{ id: "access_control", title: "Access", controls: [{ id: "ac_1", title: "One", parts: [{ name: "statement", prose: "Do one." }] }] }],
        controls: [{ id: "x-1", title: "Loose", parts: [{ name: "guidance", prose: "Hint." }] }],
      },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.doc.domains.map((d) => d.key)).toEqual(["ACCESSCONT", "GEN"]);
    expect(r.doc.domains[0]!.controls[0]).toMatchObject({ id: "AC-1", statement: "Do one.", mappings: [{ scheme: "other", ref: "ac_1" }] });
    expect(r.doc.domains[1]!.controls[0]).toMatchObject({ id: "X-1", statement: "Loose", vendorGuidance: "Hint." });
    expect(r.doc).toMatchObject({ slug: "tiny-catalog", version: "2.1", publisher: "Unknown publisher" });
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        'catalog.groups[0].controls[0].id: "ac_1" is not a Ringfence control id; imported as AC-1',
        "catalog.controls[0]: no statement part; the title is used as the statement",
      ]),
    );
  });

  it("locates duplicate control ids in the catalog", () => {
    const ctl = { id: "a-1", title: "One", parts: [{ name: "statement", prose: "Do." }] };
    const r = oscalToFramework({
      catalog: { uuid, metadata: meta, groups: [{ id: "aa", title: "A", controls: [ctl, { ...ctl, controls: [{ ...ctl, id: "A-1" }] }] }] },
    });
    expect(!r.ok && r.errors).toEqual([
      { path: "catalog.groups[0].controls[1].id", message: "The control id A-1 is used twice." },
      { path: "catalog.groups[0].controls[1].controls[0].id", message: "The control id A-1 is used twice." },
    ]);
  });
});

describe("oscalToFramework: errors", () => {
  it("locates every structural problem", () => {
    const bad = {
      catalog: {
        uuid: "not-a-uuid",
        metadata: { version: "1" },
        groups: [
          { id: "a", title: "A", controls: [{ id: "a-1", title: "One" }, { title: "No id" }] },
          { id: "b", controls: [{ id: 7, title: "Bad id", parts: [{ prose: "x" }] }] },
        ],
      },
    };
    const r = oscalToFramework(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: "catalog.uuid", message: "This must be a version 4 or 5 UUID." },
      { path: "catalog.metadata.title", message: "This field is required." },
      { path: "catalog.groups[0].controls[1].id", message: "This field is required." },
      { path: "catalog.groups[1].title", message: "This field is required." },
      { path: "catalog.groups[1].controls[0].id", message: "This must be text (a string)." },
      { path: "catalog.groups[1].controls[0].parts[0].name", message: "This field is required." },
    ]);
  });

  it("refuses a missing catalog uuid and metadata", () => {
    const r = oscalToFramework({ catalog: { groups: [] } });
    expect(!r.ok && r.errors).toEqual([
      { path: "catalog.uuid", message: "This field is required." },
      { path: "catalog.metadata", message: "This field is required." },
    ]);
  });

  it("points validation errors of an edited Ringfence export back into the catalog", () => {
    const oscal = frameworkToOscal(smallFramework, {}) as { catalog: any };
    const ctl = oscal.catalog.groups[1].controls[0];
    ctl.parts = ctl.parts.filter((p: any) => p.name !== "statement");
    ctl.parts.find((p: any) => p.class === "rubric").parts.splice(3, 1);
    ctl.props.find((p: any) => p.name === "weight").value = "9";
    const r = oscalToFramework(oscal);
    expect(!r.ok && r.errors).toEqual([
      { path: "catalog.groups[1].controls[0].statement", message: "This field is required." },
      { path: "catalog.groups[1].controls[0].weight", message: "Too big: expected number to be <=5" },
      { path: "catalog.groups[1].controls[0].rubric[3]", message: "This field is required." },
    ]);
  });
});
