import { describe, it, expect } from "vitest";
import { frameworkDocumentSchema, type Control } from "@/lib/catalog/schema";
import { sdp10 } from "./index";

const controls: Control[] = sdp10.domains.flatMap((d) => d.controls);
const byId = new Map(controls.map((c) => [c.id, c]));

/** Each topic the baseline must cover, with the controls that cover it. */
const COVERAGE: Record<string, string[]> = {
  "staged ring deployment of code": ["SDP-ROL-01"],
  "staged ring deployment of content": ["SDP-ROL-02"],
  "canary ring": ["SDP-ROL-03"],
  "bake times": ["SDP-ROL-04"],
  "health signals": ["SDP-GATE-01", "SDP-GATE-02"],
  "automated halt": ["SDP-GATE-03"],
  "developer testing": ["SDP-TST-01"],
  "content-interface testing": ["SDP-TST-02"],
  "validator checks": ["SDP-TST-03"],
  "fuzzing, fault injection and stress": ["SDP-TST-04"],
  "stability testing": ["SDP-TST-05"],
  "rollback testing": ["SDP-TST-06"],
  pause: ["SDP-REC-01"],
  rollback: ["SDP-REC-02"],
  "recovery of machines that no longer boot": ["SDP-REC-03"],
  "customer ring choice": ["SDP-CUS-01"],
  "N-1 pinning": ["SDP-CUS-02"],
  "content delays": ["SDP-CUS-03"],
  "kernel-mode minimisation": ["SDP-KRN-01"],
  "build-time field-count checks": ["SDP-KRN-02"],
  "runtime bounds checks in the kernel": ["SDP-KRN-03"],
  "interpreter error handling": ["SDP-KRN-04"],
  "incident response plan": ["SDP-IRT-01"],
  "incident notification": ["SDP-IRT-02"],
  "release notes": ["SDP-IRT-03"],
  "post-incident reviews": ["SDP-IRT-04"],
  "independent third-party review": ["SDP-IND-01"],
  "secure development (SSDF)": ["SDP-SSD-01"],
};

/** Core controls that must carry the 'must' flag. */
const CORE_MUST = ["SDP-ROL-01", "SDP-ROL-02", "SDP-GATE-03", "SDP-TST-02", "SDP-TST-03", "SDP-REC-01", "SDP-REC-02", "SDP-KRN-02", "SDP-KRN-03", "SDP-IRT-02"];

/** SSDF 1.1 (SP 800-218) practices and tasks, from NIST's OSCAL catalog. */
const SSDF_IDS = new Set([
  ...["PO.1", "PO.1.1", "PO.1.2", "PO.1.3", "PO.2", "PO.2.1", "PO.2.2", "PO.2.3", "PO.3", "PO.3.1", "PO.3.2", "PO.3.3"],
  ...["PO.4", "PO.4.1", "PO.4.2", "PO.5", "PO.5.1", "PO.5.2"],
  ...["PS.1", "PS.1.1", "PS.2", "PS.2.1", "PS.3", "PS.3.1", "PS.3.2"],
  ...["PW.1", "PW.1.1", "PW.1.2", "PW.1.3", "PW.2", "PW.2.1", "PW.4", "PW.4.1", "PW.4.2", "PW.4.4"],
  ...["PW.5", "PW.5.1", "PW.6", "PW.6.1", "PW.6.2", "PW.7", "PW.7.1", "PW.7.2", "PW.8", "PW.8.1", "PW.8.2"],
  ...["PW.9", "PW.9.1", "PW.9.2"],
  ...["RV.1", "RV.1.1", "RV.1.2", "RV.1.3", "RV.2", "RV.2.1", "RV.2.2", "RV.3", "RV.3.1", "RV.3.2", "RV.3.3", "RV.3.4"],
]);

const WRI_REFS = new Set([
  "WRI-testing",
  "WRI-gradual-rollout",
  "WRI-monitoring",
  "WRI-incident-response",
  "WRI-recovery",
  "MVI-code-signing",
  "WRI-user-mode-platform",
]);

const COMMITMENT_REFS = new Set([
  "canary-deployment",
  "content-interface-testing",
  "customer-control",
  "third-party-review",
  "release-notes",
  "validator-checks",
  "stress-fuzz-fault-injection",
  "rollback-testing",
  "stability-testing",
  "interpreter-error-handling",
  "local-developer-testing",
  "monitoring-during-rollout",
]);

describe("Safe Deployment Principles 1.0", () => {
  it("satisfies the framework document schema", () => {
    const result = frameworkDocumentSchema.safeParse(sdp10);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it("has the expected identity and thresholds", () => {
    expect(sdp10.slug).toBe("safe-deployment-principles");
    expect(sdp10.version).toBe("1.0");
    expect(sdp10.thresholds).toEqual({
      maxFirstRingPct: 1,
      minBakeMinutes: { code: 1440, content: 60 },
      maxExposureStepPct: 90,
      maxMinutesToHalt: 30,
      requiredTestKinds: {
        code: ["developer", "fuzzing", "fault_injection", "stress", "stability", "rollback"],
        content: ["developer", "content_interface", "validator", "stability", "rollback"],
      },
      kernelModeMinBakeMinutes: { code: 2880, content: 240 },
      globalPushPct: 90,
    });
  });

  it("has at least 8 domains and 32 controls", () => {
    expect(sdp10.domains.length).toBeGreaterThanOrEqual(8);
    expect(controls.length).toBeGreaterThanOrEqual(32);
  });

  it("uses unique ids of the form SDP-<DOMAINKEY>-NN", () => {
    expect(new Set(controls.map((c) => c.id)).size).toBe(controls.length);
    for (const d of sdp10.domains) {
      expect(d.key).toMatch(/^[A-Z]{2,10}$/);
      d.controls.forEach((c, i) => {
        expect(c.id).toMatch(new RegExp(`^SDP-${d.key}-\\d{2}$`));
        expect(c.id).toBe(`SDP-${d.key}-${String(i + 1).padStart(2, "0")}`);
      });
    }
  });

  it("gives every control a full rubric, evidence and mappings", () => {
    for (const c of controls) {
      expect(c.rubric, c.id).toHaveLength(5);
      for (const level of c.rubric) expect(level.trim().length, c.id).toBeGreaterThan(20);
      expect(c.evidenceKinds.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.mappings.length, c.id).toBeGreaterThanOrEqual(1);
      expect(c.statement, c.id).toMatch(/^The vendor/);
      expect(c.vendorGuidance.length, c.id).toBeGreaterThan(50);
      expect(c.reviewerGuidance.length, c.id).toBeGreaterThan(50);
    }
  });

  it("covers every required topic", () => {
    for (const [topic, ids] of Object.entries(COVERAGE)) {
      expect(ids.length, topic).toBeGreaterThan(0);
      for (const id of ids) expect(byId.has(id), `${topic}: ${id}`).toBe(true);
    }
    expect(byId.get("SDP-ROL-01")?.applicability.channels).toContain("code");
    expect(byId.get("SDP-ROL-02")?.applicability.channels).toContain("content");
    expect(byId.get("SDP-KRN-03")?.applicability.kernelOnly).toBe(true);
  });

  it("marks the core controls as must, within 8 to 14 in total", () => {
    for (const id of CORE_MUST) expect(byId.get(id)?.must, id).toBe(true);
    const musts = controls.filter((c) => c.must).length;
    expect(musts).toBeGreaterThanOrEqual(8);
    expect(musts).toBeLessThanOrEqual(14);
  });

  it("asks for rollout records in every staged rollout control", () => {
    const rol = sdp10.domains.find((d) => d.key === "ROL");
    expect(rol).toBeDefined();
    for (const c of rol?.controls ?? []) expect(c.evidenceKinds, c.id).toContain("rollout_record");
  });

  it("maps only to known references", () => {
    for (const c of controls) {
      for (const m of c.mappings) {
        const where = `${c.id} ${m.scheme} ${m.ref}`;
        if (m.scheme === "nist-ssdf") expect(SSDF_IDS.has(m.ref), where).toBe(true);
        if (m.scheme === "windows-resiliency") expect(WRI_REFS.has(m.ref), where).toBe(true);
        if (m.scheme === "secure-by-design") expect(m.ref, where).toMatch(/^SbD-[1-7]$/);
        if (m.scheme === "vendor-commitments-2024") expect(COMMITMENT_REFS.has(m.ref), where).toBe(true);
        if (m.scheme === "other") expect(m.note, where).toBeTruthy();
      }
    }
  });

  it("refers only to controls that exist and holds no placeholder text", () => {
    const text = JSON.stringify(sdp10);
    for (const ref of text.match(/SDP-[A-Z]+-\d{2}/g) ?? []) expect(byId.has(ref), ref).toBe(true);
    for (const ref of text.match(/SDP-[A-Z]+(?=[,)])/g) ?? []) {
      expect(
        sdp10.domains.some((d) => `SDP-${d.key}` === ref),
        ref,
      ).toBe(true);
    }
    expect(text).not.toMatch(/\b(TODO|TBD|FIXME|lorem|ipsum|placeholder)\b/i);
  });

  it("does not present testing with the platform owner as a requirement", () => {
    for (const c of controls) expect(c.statement, c.id).not.toMatch(/with Microsoft|Microsoft validation/i);
  });
});
