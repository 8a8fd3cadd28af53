import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { isOscalUuid, RINGFENCE_OSCAL_NS } from "@/lib/catalog/oscal-common";
import { requireOscal, skipOscal, validateOscalAssessmentResults, validateOscalPoam } from "@/lib/catalog/fixtures/oscal-dir";
import type { ReportDocument } from "./document";
import { sampleObserverReport, sampleReport } from "./fixtures/sample-report";
import { NO_CONDITIONS_PROP, NO_CONDITIONS_TITLE, RISK_STATUS, SATISFIED_MIN_SCORE, reportToAssessmentResults, reportToPoam } from "./oscal";

const OPTS = { generatedAt: new Date("2026-12-01T10:15:30.123Z"), reportDigest: "d".repeat(64), portalUrl: "https://portal.ringfence.example/" };

/** A report with nothing optional: no remediation, no evidence, no rollouts, no vendor response. */
function bareReport(): ReportDocument {
  const doc = sampleReport(2);
  doc.remediation = [];
  doc.evidence = { items: [], confidentialCount: 0, total: 0 };
  doc.rollouts = { releases: 0, canaryStaged: 0, records: [] };
  doc.vendorResponse = null;
  return doc;
}

const CASES: [string, () => ReportDocument][] = [
  ["sampleReport(4)", () => sampleReport(4)],
  ["sampleReport(40)", () => sampleReport(40)],
  ["sampleObserverReport(4)", () => sampleObserverReport(4)],
  ["a bare report", bareReport],
];

/** Every string in a JSON value, with its key, depth first. */
function strings(value: unknown, key = ""): [string, string][] {
  if (typeof value === "string") return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((v) => strings(v, key));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => strings(v, k));
  return [];
}

const UUID_KEYS = new Set(["uuid", "subject-uuid", "observation-uuid", "finding-uuid", "risk-uuid", "party-uuids"]);
const STRICT_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

function expectValid(doc: ReportDocument) {
  const ar = reportToAssessmentResults(doc, OPTS);
  const poam = reportToPoam(doc, OPTS);
  expect(validateOscalAssessmentResults(ar)).toEqual([]);
  expect(validateOscalPoam(poam)).toEqual([]);
  // and the same after serialisation (no undefined values hiding anywhere)
  expect(validateOscalAssessmentResults(JSON.parse(JSON.stringify(ar)))).toEqual([]);
  expect(validateOscalPoam(JSON.parse(JSON.stringify(poam)))).toEqual([]);
  return { ar, poam };
}

describe("report → OSCAL assessment-results and POA&M", () => {
  for (const [name, make] of CASES) {
    it.skipIf(skipOscal)(`both exports of ${name} validate against the official 1.2.3 schemas`, () => {
      requireOscal();
      expectValid(make());
      expectValid(make()); // also without a portal URL
      expect(validateOscalAssessmentResults(reportToAssessmentResults(make(), { ...OPTS, portalUrl: undefined }))).toEqual([]);
      expect(validateOscalPoam(reportToPoam(make(), { ...OPTS, portalUrl: undefined }))).toEqual([]);
    });

    it(`${name}: UUIDs are v4/v5, date-times have a zone and whole seconds`, () => {
      const doc = make();
      for (const out of [reportToAssessmentResults(doc, OPTS), reportToPoam(doc, OPTS)]) {
        const all = strings(out);
        const uuids = all.filter(([k]) => UUID_KEYS.has(k)).map(([, v]) => v);
        expect(uuids.length).toBeGreaterThan(3);
        for (const u of uuids) expect(isOscalUuid(u), u).toBe(true);
        const dateTimes = all.filter(([, v]) => /^\d{4}-\d{2}-\d{2}T/.test(v));
        expect(dateTimes.length).toBeGreaterThan(2);
        for (const [k, v] of dateTimes) expect(v, k).toMatch(STRICT_DATE_TIME);
        // a back-matter or import-ap "#uuid" reference points at a resource that exists
        const resources = ((out as any)["assessment-results"] ?? (out as any)["plan-of-action-and-milestones"])["back-matter"].resources.map(
          (r: any) => r.uuid,
        );
        for (const [, v] of all.filter(([k, v]) => k === "href" && v.startsWith("#"))) expect(resources).toContain(v.slice(1));
      }
    });
  }

  it("fills metadata, parties and the result from the report", () => {
    const doc = sampleReport(4);
    const ar = reportToAssessmentResults(doc, OPTS)["assessment-results"];
    const m = ar.metadata;
    expect(m.title).toBe("Assessment results: Bastion Endpoint Ltd Bastion Sensor, Safe Deployment Principles 1.0, 2026-01-01 to 2026-06-30");
    expect(m.published).toBe("2026-11-30T12:00:00Z");
    expect(m["last-modified"]).toBe("2026-11-30T12:00:00Z");
    expect(m.version).toBe("revision 2");
    expect(m["oscal-version"]).toBe("1.2.3");
    expect(m.props).toEqual(
      expect.arrayContaining([
        { name: "report-id", ns: RINGFENCE_OSCAL_NS, value: doc.report.id },
        { name: "revision", ns: RINGFENCE_OSCAL_NS, value: "2" },
        { name: "report-sha256", ns: RINGFENCE_OSCAL_NS, value: "d".repeat(64) },
        { name: "submission-sha256", ns: RINGFENCE_OSCAL_NS, value: "c".repeat(64) },
        { name: "generated-at", ns: RINGFENCE_OSCAL_NS, value: "2026-12-01T10:15:30Z" },
      ]),
    );
    expect(m.parties?.map((p) => [p.type, p.name])).toEqual([
      ["organization", "Bastion Endpoint Ltd"],
      ["organization", "Northwind Platform"],
      ["organization", "National Cyber Office"],
    ]);
    expect(m["responsible-parties"]).toEqual([
      { "role-id": "prepared-for", "party-uuids": [m.parties![0]!.uuid] },
      { "role-id": "assessor", "party-uuids": [m.parties![1]!.uuid, m.parties![2]!.uuid] },
    ]);
    expect(ar["import-ap"].href).toMatch(/^#/);
    const report = ar["back-matter"].resources.find((r) => r.rlinks);
    expect(report?.rlinks?.[0]?.href).toBe(`https://portal.ringfence.example/reports/${doc.report.id}`);

    const r = ar.results[0];
    expect(r.start).toBe("2026-01-01T00:00:00Z");
    expect(r.end).toBe("2026-06-30T23:59:59Z");
    expect(r.description).toContain(doc.outcome.summary);
    expect(r.props).toEqual(
      expect.arrayContaining([
        { name: "outcome", ns: RINGFENCE_OSCAL_NS, value: "meets_with_conditions" },
        { name: "overall-score", ns: RINGFENCE_OSCAL_NS, value: "2.45" },
      ]),
    );
    const ids = r["reviewed-controls"]["control-selections"][0]!["include-controls"].map((c) => c["control-id"]);
    expect(ids).toEqual(doc.controls.map((c) => c.controlId.toLowerCase()));
    expect(ids).toContain("sdp-rol-01");

    // 3 evidence items + 2 rollout findings (the clean release has none)
    expect(r.observations?.map((o) => o.methods[0])).toEqual(["EXAMINE", "EXAMINE", "EXAMINE", "TEST", "TEST"]);
    const runbook = r.observations!.find((o) => o.title === "Release runbook")!;
    expect(runbook["relevant-evidence"]).toEqual([{ href: "https://bastion.example/runbook", description: expect.any(String) }]);
    const statement = r.observations!.find((o) => o.title === "Deployment practice statement")!;
    expect(statement["relevant-evidence"]![0]!.href).toBeUndefined();
    expect(statement.description).toContain("a".repeat(64));
    expect(statement.description).toContain("document");
    expect(r.observations![3]!.description).toContain("The first ring reached 100% of the fleet.");
    expect(r.remarks).toBeUndefined();
  });

  it("sets each finding's state from the consensus score and links the control's evidence", () => {
    const doc = sampleReport(4);
    const r = reportToAssessmentResults(doc, OPTS)["assessment-results"].results[0];
    expect(SATISFIED_MIN_SCORE).toBe(3);
    expect(r.findings).toHaveLength(doc.controls.length);
    doc.controls.forEach((c, i) => {
      const f = r.findings![i]!;
      expect(f.target.type).toBe("statement-id");
      expect(f.target["target-id"]).toBe(`${c.controlId.toLowerCase()}_smt`);
      expect(f.target.status.state).toBe(c.score >= 3 ? "satisfied" : "not-satisfied");
      expect(f.props).toContainEqual({ name: "score", ns: RINGFENCE_OSCAL_NS, value: String(c.score) });
      expect(f.description).toContain(c.rubric);
    });
    const states = new Set(r.findings!.map((f) => f.target.status.state));
    expect(states).toEqual(new Set(["satisfied", "not-satisfied"]));
    const rol01 = r.findings!.find((f) => f.target["target-id"] === "sdp-rol-01_smt")!;
    const statementObs = r.observations!.find((o) => o.title === "Deployment practice statement")!;
    expect(rol01["related-observations"]).toEqual([{ "observation-uuid": statementObs.uuid }]);
  });

  it("keeps withheld evidence out of the observer export and says how much was withheld", () => {
    const doc = sampleObserverReport(4);
    const ar = reportToAssessmentResults(doc, OPTS);
    const poam = reportToPoam(doc, OPTS);
    for (const json of [JSON.stringify(ar), JSON.stringify(poam)]) {
      for (const secret of ["CONFIDENTIAL ring topology export", "secret-rings.csv", "b".repeat(64), "88888888-8888-4888-8888-888888888888"])
        expect(json).not.toContain(secret);
    }
    const r = ar["assessment-results"].results[0];
    expect(r.observations?.filter((o) => o.methods[0] === "EXAMINE")).toHaveLength(2);
    expect(r.remarks).toMatch(/^1 confidential evidence item was reviewed by the panel and is withheld/);
    // the observer export shares the full export's UUIDs for what both contain
    const full = reportToAssessmentResults(sampleReport(4), OPTS)["assessment-results"].results[0];
    expect(full.observations!.map((o) => o.uuid)).toEqual(expect.arrayContaining(r.observations!.map((o) => o.uuid)));
    expect(full.findings!.map((f) => f.uuid)).toEqual(r.findings!.map((f) => f.uuid));
  });

  it("maps remediation items to POA&M items with risks, deadlines and honest statuses", () => {
    const doc = sampleReport(4);
    doc.remediation.push({
      id: "12121212-1212-4212-8212-121212121212",
      controlId: "SDP-TST-02",
      action: "Show the test gate blocking a failing build.",
      dueDate: "2027-03-15",
      status: "accepted",
    });
    const p = reportToPoam(doc, OPTS)["plan-of-action-and-milestones"];
    expect(p.metadata.title).toBe(
      "Plan of action and milestones: Bastion Endpoint Ltd Bastion Sensor, Safe Deployment Principles 1.0, 2026-01-01 to 2026-06-30",
    );
    expect(p["system-id"]["identifier-type"]).toBe("https://ietf.org/rfc/rfc4122");
    expect(isOscalUuid(p["system-id"].id)).toBe(true);
    expect(p["poam-items"]).toHaveLength(3);
    const [first] = p["poam-items"];
    expect(first!.title).toBe("SDP-ROL-01: Send rollout records for three content releases that start with a canary ring.");
    expect(first!.description).toBe(doc.remediation[0]!.action);
    expect(first!.props).toEqual([
      { name: "status", ns: RINGFENCE_OSCAL_NS, value: "open" },
      { name: "due-date", ns: RINGFENCE_OSCAL_NS, value: "2027-02-28" },
      { name: "control-id", ns: RINGFENCE_OSCAL_NS, value: "SDP-ROL-01" },
    ]);
    expect(p.risks?.map((r) => [r.status, r.deadline])).toEqual([
      ["open", "2027-02-28T23:59:59Z"],
      [RISK_STATUS.closed, "2027-01-31T23:59:59Z"],
      ["closed", "2027-03-15T23:59:59Z"],
    ]);
    expect(RISK_STATUS.closed).toBe("remediating");
    expect(first!["related-risks"]).toEqual([{ "risk-uuid": p.risks![0]!.uuid }]);
    // the related finding is the assessment-results finding of the same control (same UUID)
    const arFinding = reportToAssessmentResults(doc, OPTS)["assessment-results"].results[0].findings!.find((f) => f.target["target-id"] === "sdp-rol-01_smt")!;
    expect(first!["related-findings"]).toEqual([{ "finding-uuid": arFinding.uuid }]);
    expect(p.findings?.map((f) => f.uuid)).toContain(arFinding.uuid);
    expect(p["poam-items"].some((i) => i.title === NO_CONDITIONS_TITLE)).toBe(false);
  });

  it.skipIf(skipOscal)("an empty plan gives one valid placeholder item that is not a weakness", () => {
    requireOscal();
    const p = reportToPoam(bareReport(), OPTS);
    expect(validateOscalPoam(p)).toEqual([]);
    const poam = p["plan-of-action-and-milestones"];
    expect(poam["poam-items"]).toHaveLength(1);
    expect(poam["poam-items"][0]!.title).toBe(NO_CONDITIONS_TITLE);
    expect(poam["poam-items"][0]!.props).toEqual([{ name: NO_CONDITIONS_PROP, ns: RINGFENCE_OSCAL_NS, value: "true" }]);
    expect(poam.risks).toBeUndefined();
    expect(poam.findings).toBeUndefined();
    expect(reportToAssessmentResults(bareReport(), OPTS)["assessment-results"].results[0].observations).toBeUndefined();
  });

  it("is deterministic for the same input", () => {
    for (const [, make] of CASES) {
      expect(JSON.stringify(reportToAssessmentResults(make(), OPTS))).toBe(JSON.stringify(reportToAssessmentResults(make(), OPTS)));
      expect(JSON.stringify(reportToPoam(make(), OPTS))).toBe(JSON.stringify(reportToPoam(make(), OPTS)));
    }
    // a later export changes only the generated-at prop, not the UUIDs
    const a = reportToAssessmentResults(sampleReport(4), OPTS);
    const b = reportToAssessmentResults(sampleReport(4), { ...OPTS, generatedAt: new Date("2027-01-01T00:00:00Z") });
    expect(strings(b).filter(([k]) => k === "uuid")).toEqual(strings(a).filter(([k]) => k === "uuid"));
    expect(JSON.stringify(b)).not.toBe(JSON.stringify(a));
  });

  it("rejects a malformed digest or portal URL, and a report without controls", () => {
    expect(() => reportToAssessmentResults(sampleReport(1), { ...OPTS, reportDigest: "abc" })).toThrow(/SHA-256/);
    expect(() => reportToPoam(sampleReport(1), { ...OPTS, portalUrl: "not a url" })).toThrow(/portalUrl/);
    expect(() => reportToAssessmentResults({ ...sampleReport(1), controls: [] }, OPTS)).toThrow(/controls/);
  });

  it.skipIf(skipOscal)("stays valid with padded titles, odd URLs and multi-line text", () => {
    requireOscal();
    const doc = sampleReport(2);
    doc.controls[0]!.title = "   Padded control title\t ";
    doc.controls[1]!.title = "";
    doc.controls[2]!.rubric = "";
    doc.vendor.name = " Bastion\nEndpoint ";
    doc.panel.push({ organisation: "  Northwind Platform ", role: "gov_auditor", lead: false }, { organisation: "", role: "platform_reviewer", lead: false });
    doc.outcome.summary = "";
    doc.outcome.reasons = [" padded reason ", ""];
    doc.remediation[0]!.action = "   ";
    doc.remediation[1]!.controlId = "SDP-GONE-09";
    doc.evidence.items[0]!.url = "https://user:pw@bastion.example/private";
    doc.evidence.items[1]!.url = "https://bastion.example/a path/{x}|^?q=100%&r=[1]#frag ment";
    doc.evidence.items[2]!.url = "javascript:alert(1)";
    doc.rollouts.records[1]!.findings[0]!.message = " line one\nline two ";
    doc.vendorResponse = "  ";
    const { ar } = expectValid(doc);
    const json = JSON.stringify(ar);
    expect(json).not.toContain("user:pw");
    expect(json).not.toContain("javascript:");
    const r = ar["assessment-results"].results[0];
    expect(r.findings![0]!.title).toBe("SDP-ROL-01: Padded control title");
    expect(r.observations![1]!["relevant-evidence"]![0]!.href).toMatch(/^https:\/\/bastion\.example\/a%20path\//);
    // two panel entries of one organisation become one party
    expect(ar["assessment-results"].metadata.parties?.filter((p) => p.name === "Northwind Platform")).toHaveLength(1);
  });

  it.skipIf(skipOscal)("the validators are not vacuous: broken exports are rejected", () => {
    requireOscal();
    const ar = JSON.parse(JSON.stringify(reportToAssessmentResults(sampleReport(1), OPTS)));
    ar["assessment-results"].uuid = "0b0e8f3c-5d2a-1c7e-9f11-2a3b4c5d6e7f"; // version 1
    ar["assessment-results"].metadata.published = "2026-11-30T12:00:00"; // no zone
    ar["assessment-results"].results[0].findings[0].target.status.state = "error";
    ar["assessment-results"].results[0].title = "";
    expect(validateOscalAssessmentResults(ar).length).toBeGreaterThanOrEqual(4);
    const poam = JSON.parse(JSON.stringify(reportToPoam(sampleReport(1), OPTS)));
    poam["plan-of-action-and-milestones"]["poam-items"] = [];
    poam["plan-of-action-and-milestones"].metadata.props[0].value = " padded ";
    expect(validateOscalPoam(poam).length).toBeGreaterThanOrEqual(2);
  });

  it.skipIf(skipOscal)("property: random vendor names, actions and evidence titles still give valid documents", () => {
    requireOscal();
    const text = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "binary", maxLength: 40 }),
      fc.constantFrom("", " ", "\t\n", "  padded  ", "\u00a0nbsp\u00a0", "line\u2028sep", "\r\n", "-", "*markdown* `x`"),
    );
    fc.assert(
      fc.property(text, fc.array(text, { minLength: 0, maxLength: 3 }), fc.array(text, { minLength: 0, maxLength: 3 }), (vendor, actions, titles) => {
        const doc = sampleReport(1);
        doc.vendor.name = vendor;
        doc.product.name = vendor;
        const statuses = ["open", "closed", "accepted"] as const;
        doc.remediation = actions.map((action, i) => ({
          id: `rem-${i}`,
          controlId: i % 2 ? "SDP-ROL-01" : "SDP-TST-01",
          action,
          dueDate: "2027-02-28",
          status: statuses[i % 3]!,
        }));
        doc.evidence.items = titles.map((title, i) => ({
          id: `ev-${i}`,
          title,
          kind: title,
          classification: "publishable" as const,
          fileName: title || null,
          sha256: null,
          url: null,
          controls: ["SDP-ROL-01"],
        }));
        doc.panel = [{ organisation: vendor, role: "gov_auditor", lead: true }];
        for (const d of [doc, { ...doc, tier: "observer" as const }]) {
          const ar = reportToAssessmentResults(d, OPTS);
          const poam = reportToPoam(d, OPTS);
          expect(validateOscalAssessmentResults(ar)).toEqual([]);
          expect(validateOscalPoam(poam)).toEqual([]);
          expect(validateOscalAssessmentResults(JSON.parse(JSON.stringify(ar)))).toEqual([]);
        }
      }),
      { numRuns: 30 },
    );
  });
});
