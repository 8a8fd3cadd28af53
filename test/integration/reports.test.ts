import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { attestations, evidenceItems, publishedReports, reportScores } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { publishReport, saveReportPreparation, previewEndsAt } from "@/lib/reports/publish";
import {
  dashboardChoices,
  dashboardData,
  dashboardVendorName,
  dashboardVendors,
  getReport,
  listPublicSummaries,
  parseFilters,
  publicSummary,
  reportFilter,
} from "@/lib/reports/queries";
import { scoreStream } from "@/lib/reports/export-stream";
import { reportToAssessmentResults, reportToPoam } from "@/lib/reports/oscal";
import { renderReportPdf } from "@/lib/reports/pdf";
import { requireOscal, skipOscal, validateOscalAssessmentResults, validateOscalPoam } from "@/lib/catalog/fixtures/oscal-dir";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";
import { makePerson } from "./review-fixtures";

makeTempDataDir();

const text = async (s: ReadableStream<Uint8Array>) => new Response(s).text();

describe(`published reports (${process.env.TEST_DB_DRIVER})`, () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let reviewer: Actor, auditor: Actor, observer: Actor, admin: Actor, aegis: Actor, bastion: Actor, cobalt: Actor, bastionContributor: Actor;
  /** Every reviewers-only evidence title, file name and hash in the database: none may reach an observer. */
  let secrets: string[];

  beforeAll(async () => {
    t = await openTestDb({ seeded: true });
    const people = await Promise.all(
      [
        "reviewer@contoso.example",
        "auditor@ncra.example",
        "observer@ncra.example",
        "admin@ringfence.example",
        "officer@aegis.example",
        "officer@bastion.example",
        "officer@cobalt.example",
      ].map((e) => actorFor(t.db, e)),
    );
    [reviewer, auditor, observer, admin, aegis, bastion, cobalt] = people as [Actor, Actor, Actor, Actor, Actor, Actor, Actor];
    bastionContributor = await makePerson(t.db, "bastion-sensor", "vendor_contributor", "Bastion Contributor");
    const hidden = await t.db
      .select({ title: evidenceItems.title, fileName: evidenceItems.fileName, sha: evidenceItems.blobSha256 })
      .from(evidenceItems)
      .where(eq(evidenceItems.classification, "reviewers_only"));
    secrets = hidden.flatMap((h) => [h.title, h.fileName, h.sha]).filter((x): x is string => !!x && x.length > 6);
  }, 240_000);
  afterAll(async () => t?.dispose());

  const reports = () => t.db.select().from(publishedReports).orderBy(publishedReports.publishedAt);

  it("the demo publishes five reports, one superseded by its remediation revision", async () => {
    const rows = await reports();
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.result))).toEqual(new Set(["meets", "meets_with_conditions", "does_not_meet"]));
    const bastion = rows.filter((r) => r.productName === "Bastion EDR").sort((a, b) => a.revision - b.revision);
    expect(bastion.map((r) => r.revision)).toEqual([1, 2]);
    expect(bastion[0]!.supersededBy).toBe(bastion[1]!.id);
    expect(bastion[1]!.supersededBy).toBeNull();
    expect(secrets.length).toBeGreaterThan(3);
  });

  it("a published report and its scores cannot be changed or deleted; it is superseded at most once", async () => {
    const [r] = await reports();
    await expect(t.db.update(publishedReports).set({ result: "meets" }).where(eq(publishedReports.id, r!.id))).rejects.toThrow();
    await expect(
      t.db
        .update(publishedReports)
        .set({ fullDocument: { ...r!.fullDocument, vendorResponse: "edited" } })
        .where(eq(publishedReports.id, r!.id)),
    ).rejects.toThrow();
    await expect(t.db.delete(publishedReports).where(eq(publishedReports.id, r!.id))).rejects.toThrow();
    await expect(t.db.update(reportScores).set({ score: 4 }).where(eq(reportScores.reportId, r!.id))).rejects.toThrow();
    await expect(t.db.delete(reportScores).where(eq(reportScores.reportId, r!.id))).rejects.toThrow();
    const superseded = (await reports()).find((x) => x.supersededBy)!;
    const other = (await reports()).find((x) => x.id !== superseded.id && x.id !== superseded.supersededBy)!;
    await expect(
      t.db.update(publishedReports).set({ supersededBy: other.id, supersededAt: new Date() }).where(eq(publishedReports.id, superseded.id)),
    ).rejects.toThrow();
  });

  it("observers, administrators and reviewers off the panel read the observer edition: no confidential title, file name or hash", async () => {
    for (const r of await reports()) {
      for (const who of [observer, admin]) {
        const view = await getReport(t.db, who, r.id);
        expect(view?.tier).toBe("observer");
        const json = JSON.stringify(view);
        for (const s of secrets) expect(json).not.toContain(s);
        expect(view!.document.evidence.items.every((e) => e.classification === "publishable")).toBe(true);
        expect(view!.document.evidence.items.length + view!.document.evidence.confidentialCount).toBe(view!.document.evidence.total);
      }
    }
    const cobaltReport = (await reports()).find((r) => r.organisationId === cobalt.organisationId)!;
    const offPanel = await makePerson(t.db, "contoso-platform", "platform_reviewer", "Off Panel");
    expect((await getReport(t.db, offPanel, cobaltReport.id))?.tier).toBe("observer");
  });

  it("the vendor and the panel read the full edition; another vendor gets nothing", async () => {
    const r = (await reports()).find((x) => x.organisationId === bastion.organisationId && !x.supersededBy)!;
    expect((await getReport(t.db, bastion, r.id))?.tier).toBe("full");
    expect((await getReport(t.db, bastionContributor, r.id))?.tier).toBe("full");
    expect((await getReport(t.db, reviewer, r.id))?.tier).toBe("full");
    expect((await getReport(t.db, auditor, r.id))?.tier).toBe("full");
    expect(await getReport(t.db, aegis, r.id)).toBeNull();
    expect(await getReport(t.db, cobalt, r.id)).toBeNull();
    expect(await getReport(t.db, observer, "not-a-uuid")).toBeNull();
    const full = (await getReport(t.db, bastion, r.id))!;
    expect(full.document.evidence.items.some((e) => e.classification === "reviewers_only")).toBe(true);
  });

  it("the public summary exists only where the vendor opted in and selects no evidence", async () => {
    for (const r of await reports()) {
      const s = await publicSummary(t.db, r.id);
      if (!r.publicSummary) expect(s).toBeNull();
      else {
        expect(s).not.toBeNull();
        expect(Object.keys(s!).sort()).toEqual(
          [
            "domainScores",
            "frameworkLabel",
            "id",
            "overall",
            "periodEnd",
            "periodStart",
            "productName",
            "publishedAt",
            "result",
            "revision",
            "submissionDigest",
            "successor",
            "vendorName",
          ].sort(),
        );
        const json = JSON.stringify(s);
        for (const x of secrets) expect(json).not.toContain(x);
      }
    }
    const listed = await listPublicSummaries(t.db);
    expect(listed.every((l) => l.id)).toBe(true);
    const superseded = (await reports()).find((x) => x.supersededBy)!;
    expect(listed.map((l) => l.id)).not.toContain(superseded.id);
    expect((await publicSummary(t.db, superseded.id))?.successor).toEqual({ id: superseded.supersededBy, public: true });
  });

  it.skipIf(skipOscal)("both OSCAL exports of every demo report, in both editions, validate against the NIST schemas", async () => {
    requireOscal();
    for (const r of await reports()) {
      for (const doc of [r.fullDocument, r.observerDocument]) {
        const opts = { generatedAt: new Date(), reportDigest: doc.tier === "full" ? r.fullDigest : r.observerDigest, portalUrl: "https://ringfence.example" };
        expect(validateOscalAssessmentResults(reportToAssessmentResults(doc, opts))).toEqual([]);
        expect(validateOscalPoam(reportToPoam(doc, opts))).toEqual([]);
      }
      const observerJson = JSON.stringify([
        reportToAssessmentResults(r.observerDocument, { generatedAt: new Date(), reportDigest: r.observerDigest }),
        reportToPoam(r.observerDocument, { generatedAt: new Date(), reportDigest: r.observerDigest }),
      ]);
      for (const s of secrets) expect(observerJson).not.toContain(s);
    }
  });

  it("the observer edition's PDF names no confidential item", async () => {
    const r = (await reports()).find((x) => x.organisationId === bastion.organisationId && !x.supersededBy)!;
    const pdf = await renderReportPdf(r.observerDocument, { reportDigest: r.observerDigest });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("score exports stream one row per report and control, with formulas neutralised", async () => {
    const [r] = await reports();
    const csv = await text(scoreStream(t.db, eq(publishedReports.id, r!.id), "csv", { source: {} }));
    const lines = csv.trimEnd().split("\n");
    const [{ n }] = (await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(reportScores)
      .where(eq(reportScores.reportId, r!.id))) as [{ n: number }];
    expect(lines).toHaveLength(n + 1);
    expect(lines[0]).toMatch(/^report_id,vendor,product,framework/);
    const json = JSON.parse(await text(scoreStream(t.db, eq(publishedReports.id, r!.id), "json", { source: { reportId: r!.id } }))) as {
      source: { reportId: string };
      rows: { control_id: string; score: number }[];
    };
    expect(json.rows).toHaveLength(n);
    expect(json.source.reportId).toBe(r!.id);
    const { csvCell } = await import("@/lib/reports/export-stream");
    const { inlineParams } = await import("@/lib/reports/export-copy");
    expect(inlineParams("a = $1 and b = $2 and c = $10", ["O'Brien", 3, ...Array(7).fill(0), "z"])).toBe("a = 'O''Brien' and b = 3 and c = 'z'");
    expect(() => inlineParams("a = $1", [{ x: 1 }])).toThrow();
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-1")).toBe("'-1");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("plain, text")).toBe('"plain, text"');
    expect(csvCell("")).toBe('""');
    expect(csvCell(-1)).toBe("-1");
  });

  it("the dashboard counts outcomes, the canary share and overdue remediation for the filters", async () => {
    const { chosen, periods } = await dashboardChoices(t.db, null);
    expect(chosen).not.toBeNull();
    expect(periods.length).toBeGreaterThanOrEqual(2);
    const all = await dashboardData(t.db, { ...parseFilters({}), period: null }, chosen!.id);
    expect(all.total).toBe(4); // current reports only: the superseded one is left out
    expect(all.outcomes.reduce((s, o) => s + o.n, 0)).toBe(4);
    expect(all.overdue.total).toBe(1);
    expect(all.canary.vendors).toBeGreaterThanOrEqual(2);
    expect(all.canary.staged).toBeLessThan(all.canary.vendors); // Cobalt's content releases skip the canary
    const meets = await dashboardData(t.db, { ...parseFilters({ result: "meets" }), period: null }, chosen!.id);
    expect(meets.rows.every((r) => r.result === "meets")).toBe(true);
    const oneVendor = await dashboardData(t.db, { ...parseFilters({ vendor: bastion.organisationId }), period: null }, chosen!.id);
    expect(oneVendor.rows.every((r) => r.organisationId === bastion.organisationId)).toBe(true);
    // The vendor filter: every vendor with a current report, by name (a few here, under VENDOR_CHOICES_MAX).
    const vendors = await dashboardVendors(t.db, chosen!.id);
    expect(vendors?.map((v) => v.id).sort()).toEqual([...new Set(all.rows.map((r) => r.organisationId))].sort());
    expect(vendors?.map((v) => v.name)).toEqual([...vendors!.map((v) => v.name)].sort());
    expect(await dashboardVendorName(t.db, chosen!.id, bastion.organisationId)).toBe(vendors!.find((v) => v.id === bastion.organisationId)!.name);
    expect(await dashboardVendorName(t.db, chosen!.id, crypto.randomUUID())).toBeNull();
    const where = reportFilter(parseFilters({}), chosen!.id, { period: false });
    // Pages that end inside a report, and a last page that is exactly full, give the same bytes as one page.
    for (const format of ["csv", "json"] as const) {
      const whole = await text(scoreStream(t.db, where, format, { source: {} }));
      const rows = format === "csv" ? whole.trimEnd().split("\n").length - 1 : (JSON.parse(whole) as { rows: unknown[] }).rows.length;
      for (const batch of [7, 40, rows])
        expect(await text(scoreStream(t.db, where, format, { source: {} }, batch)), `${format} in pages of ${batch}`).toBe(whole);
    }
    expect((await text(scoreStream(t.db, where, "csv", { source: {} }))).trimEnd().split("\n").length).toBeGreaterThan(4 * 20);
  });

  it("the CSV from PostgreSQL's COPY is byte for byte the paged CSV, awkward text included", async () => {
    const [r] = await reports();
    const awkward = [
      "=cmd|' /C calc'!A0",
      "+1",
      "-x",
      "@SUM(A1)",
      "\tTab",
      "\rCR",
      'say "hi"',
      "a,b",
      "line\nbreak",
      "",
      "é ü 中",
      "\\.",
      " lead ",
      "'already",
      "\\N",
    ];
    // report_scores refuses changes and deletes, not new rows: these stay with this test database's report.
    await t.db.insert(reportScores).values(
      awkward.map((title, i) => ({
        reportId: r!.id,
        position: 1000 + i,
        controlId: i % 2 ? title : `X-${i}`,
        controlTitle: title,
        domain: i % 3 ? "D" : title,
        weight: 1,
        must: i % 2 === 0,
        score: i % 5,
      })),
    );
    const where = eq(publishedReports.id, r!.id);
    const paged = await text(scoreStream(t.db, where, "csv", { source: {} }, 5));
    expect(paged.split("\n")[0]).toBe(
      "report_id,vendor,product,framework,period_start,period_end,revision,result,submission_digest,control_id,control_title,domain,weight,must,score",
    );
    expect(paged).toContain(",'=cmd|' /C calc'!A0,");
    expect(paged).toContain(`,"say ""hi""",`);
    if (t.database.kind === "postgres") {
      for (let i = 0; i < 3; i++) expect(await text(scoreStream(t.db, where, "csv", { source: {} }, undefined, { copyFrom: t.database.url }))).toBe(paged);
      // Filter values are inlined as literals: a quote in one stays a quote, never SQL.
      const hostile = await text(
        scoreStream(t.db, eq(publishedReports.vendorName, "x'); drop table report_scores; --"), "csv", { source: {} }, undefined, { copyFrom: t.database.url }),
      );
      expect(hostile.trimEnd().split("\n")).toHaveLength(1);
      expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(reportScores))[0]!.n).toBeGreaterThan(0);
      // The pool is still usable after the COPYs (they ran on connections of their own).
      expect((await reports()).length).toBeGreaterThan(0);
      const cancelled = scoreStream(t.db, eq(publishedReports.frameworkVersionId, r!.frameworkVersionId), "csv", { source: {} }, undefined, {
        copyFrom: t.database.url,
      }).getReader();
      await cancelled.read();
      await cancelled.cancel();
    }
  });

  describe("publishing the decided Bastion revision", () => {
    let id: string;
    beforeAll(async () => {
      const [row] = await t.db
        .select({ id: attestations.id })
        .from(attestations)
        .where(and(eq(attestations.organisationId, bastion.organisationId), eq(attestations.status, "decided")));
      id = row!.id;
    });

    it("only the lead publishes, and not before the vendor is ready or the preview window has passed", async () => {
      expect((await publishReport(t.db, auditor, id)).ok).toBe(false);
      expect((await publishReport(t.db, admin, id)).ok).toBe(false);
      expect((await publishReport(t.db, observer, id)).ok).toBe(false);
      const early = await publishReport(t.db, reviewer, id);
      expect(early).toMatchObject({ ok: false, code: "conflict" });
    });

    it("only the vendor's officer prepares it; stale saves are refused", async () => {
      expect(
        (await saveReportPreparation(t.db, bastionContributor, { attestationId: id, vendorResponse: "x", publicSummary: true, ready: true, version: 0 })).ok,
      ).toBe(false);
      expect((await saveReportPreparation(t.db, cobalt, { attestationId: id, vendorResponse: "x", publicSummary: true, ready: true, version: 0 })).ok).toBe(
        false,
      );
      expect((await saveReportPreparation(t.db, reviewer, { attestationId: id, vendorResponse: "x", publicSummary: true, ready: true, version: 0 })).ok).toBe(
        false,
      );
      expect(
        (await saveReportPreparation(t.db, bastion, { attestationId: id, vendorResponse: "Our response.", publicSummary: false, ready: false, version: 0 })).ok,
      ).toBe(true);
      expect(
        (await saveReportPreparation(t.db, bastion, { attestationId: id, vendorResponse: "Stale.", publicSummary: false, ready: false, version: 0 })).ok,
      ).toBe(false);
    });

    it("after the preview window the lead may publish without the vendor's go-ahead; the report is frozen and the revision published", async () => {
      const later = new Date(Date.now() + 8 * 86_400_000);
      const r = await publishReport(t.db, reviewer, id, later);
      expect(r.ok).toBe(true);
      const [a] = await t.db.select({ status: attestations.status }).from(attestations).where(eq(attestations.id, id));
      expect(a!.status).toBe("published");
      const [row] = await t.db.select().from(publishedReports).where(eq(publishedReports.attestationId, id));
      expect(row!.fullDocument.vendorResponse).toBe("Our response.");
      expect(row!.publicSummary).toBe(false);
      expect((await publishReport(t.db, reviewer, id, later)).ok).toBe(false);
      expect(previewEndsAt(new Date(0)).getTime()).toBe(7 * 86_400_000);
    });
  });
});
