import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { observerTier } from "./document";
import { sampleObserverReport, sampleReport } from "./fixtures/sample-report";
import { renderListPdf, renderReportPdf, renderReportPdfStream, type ListRow } from "./pdf";

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;
const generatedAt = new Date("2026-12-01T10:00:00.000Z");

/** The text of each page as pdf.js extracts it, items joined by single spaces. */
async function pdfText(buf: Buffer): Promise<{ pages: string[]; info: Record<string, unknown> }> {
  const pdf = await getDocument({ data: new Uint8Array(buf), standardFontDataUrl: fontDir, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ("str" in item ? item.str : ""))
        .join(" ")
        .replace(/\s+/g, " "),
    );
  }
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return { pages, info: info as Record<string, unknown> };
}

const squash = (s: string) => s.replace(/\s+/g, "");
const pagesWith = (pages: string[], needle: string) => pages.flatMap((p, i) => (p.includes(needle) ? [i + 1] : []));

describe("renderReportPdf", () => {
  it("renders the full tier with title page, contents, sections, footers and the digest", async () => {
    const doc = sampleReport(4);
    const digest = "d".repeat(64);
    const buf = await renderReportPdf(doc, { generatedAt, reportDigest: digest, portalUrl: "https://portal.example/" });
    expect(buf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages, info } = await pdfText(buf);
    const n = pages.length;
    const all = pages.join(" ");
    expect(n).toBeGreaterThanOrEqual(4);
    if (process.env.WRITE_SAMPLE_PDF === "1") writeFileSync("/tmp/sample-report.pdf", buf);

    expect(info.Title).toContain("Bastion Endpoint Ltd");
    expect(info.Author).toBe("Ringfence");
    expect(String(info.CreationDate)).toMatch(/^D:20261201100000/);

    const title = pages[0]!;
    for (const s of [
      "Deployment-practice attestation report",
      "Bastion Endpoint Ltd",
      "Bastion Sensor",
      "Safe Deployment Principles, version 1.0",
      "1 January 2026 to 30 June 2026",
      "Meets with conditions",
      "2.45 of 4",
      "30 November 2026",
      "Revision 2",
    ]) {
      expect(title).toContain(s);
    }
    expect(title).toContain("Contains confidential evidence details — for the vendor and the review panel only");
    // The title page has no footer; every other page has "Page X of N" with physical page numbers.
    expect(title).not.toMatch(/Page \d+ of/);
    for (let i = 2; i <= n; i++) {
      expect(pages[i - 1]).toContain(`Page ${i} of ${n}`);
      expect(pages[i - 1]).toContain("Bastion Endpoint Ltd — Bastion Sensor — Safe Deployment Principles 1.0");
      expect(pages[i - 1]).toContain(`Submission SHA-256 ${"c".repeat(16)}`);
    }
    expect(pages[n - 1]).toContain(`Page ${n} of ${n}`);

    for (const d of doc.domains) expect(all).toContain(`${d.title} ${d.score.toFixed(2)}`);
    const hi = doc.domains.reduce((a, b) => (b.score > a.score ? b : a));
    const lo = doc.domains.reduce((a, b) => (b.score < a.score ? b : a));
    expect(all).toContain(`Highest: ${hi.title} ${hi.score.toFixed(2)}; lowest: ${lo.title} ${lo.score.toFixed(2)}.`);
    expect(squash(all)).toContain(doc.submission.digest);
    expect(all).toContain("RFC 8785");
    expect(all).toContain("Report document SHA-256:");
    expect(squash(all)).toContain(digest);
    expect(squash(all)).toContain(`https://portal.example/reports/${doc.report.id}`);
    expect(all).toContain("2 of 3 releases started with a canary ring");
    expect(all).toContain("Northwind Platform");
    expect(all).toContain("Government auditor");
    expect(all).toContain("We are rolling out canary rings for content updates in the first quarter.");
    expect(all).toContain("secret-rings.csv"); // the full tier lists every item
    for (const c of doc.controls) expect(all).toContain(c.controlId);

    // Every contents entry points at the page whose heading it names, and no earlier page has that heading.
    const contents = pages[1]!;
    expect(contents).toContain("Contents");
    const titles = [
      "Outcome",
      "Panel",
      "Domain scores",
      "Control scores",
      "Inter-rater agreement",
      "Rollout analysis",
      "Remediation items",
      "Evidence",
      "Vendor response",
      "Verification",
    ];
    titles.forEach((t, i) => {
      const m = contents.match(new RegExp(`${i + 1}\\. ${t} (\\d+)`));
      expect(m, t).not.toBeNull();
      const page = Number(m![1]);
      const heading = `${i + 1}. ${t}`;
      expect(pages[page - 1], t).toContain(heading);
      expect(pagesWith(pages, heading).filter((p) => p !== 2)[0], t).toBe(page);
    });
  });

  it("spreads a long control table over several pages with the header row repeated", async () => {
    const small = (await pdfText(await renderReportPdf(sampleReport(4), { generatedAt }))).pages.length;
    const doc = sampleReport(40);
    const { pages } = await pdfText(await renderReportPdf(doc, { generatedAt }));
    expect(pages.length).toBeGreaterThan(small);
    expect(pagesWith(pages, "What the score means").length).toBeGreaterThanOrEqual(2);
    expect(pages.join(" ")).toContain("Control scores (continued)");
    for (const c of doc.controls) expect(pages.join(" ")).toContain(c.controlId);
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it("withholds confidential evidence from the observer tier", async () => {
    const { pages } = await pdfText(await renderReportPdf(sampleObserverReport(4), { generatedAt }));
    const all = pages.join(" ");
    for (const secret of ["CONFIDENTIAL ring topology export", "secret-rings.csv"]) expect(all).not.toContain(secret);
    expect(squash(all)).not.toContain("b".repeat(64));
    expect(all).toContain("Deployment practice statement");
    expect(all).toContain("1 confidential item was reviewed and is not listed.");
    expect(pages[0]).toContain("Observer edition: confidential evidence is withheld");
    expect(all).not.toContain("Contains confidential evidence details");
  });

  it("counts several withheld items in the plural", async () => {
    const full = sampleReport(4);
    const extra = { ...full.evidence.items[1]!, id: "x", title: "Second secret", fileName: "second.csv" };
    const doc = observerTier({ ...full, evidence: { ...full.evidence, items: [...full.evidence.items, extra], total: 4 } });
    const all = (await pdfText(await renderReportPdf(doc, { generatedAt }))).pages.join(" ");
    expect(all).toContain("2 confidential items were reviewed and are not listed.");
    expect(all).not.toContain("Second secret");
  });

  it("wraps long unbroken strings and replaces characters the standard fonts cannot show", async () => {
    const doc = sampleReport(2);
    const token = "x".repeat(400);
    doc.vendor.name = `Very long vendor name ${"Ltd ".repeat(30)}`;
    doc.vendorResponse = `${token} ≥ 中文 ✓\n${"A long answer. ".repeat(600)}`;
    doc.controls[0]!.rubric = "y".repeat(2000);
    const { pages } = await pdfText(await renderReportPdf(doc, { generatedAt }));
    const all = pages.join(" ");
    expect(squash(all)).toContain(token);
    expect(all).toContain(">=");
    expect(pages.at(-1)).toContain(`Page ${pages.length} of ${pages.length}`);
  });

  it("streams the same document", async () => {
    const chunks: Buffer[] = [];
    for await (const c of renderReportPdfStream(sampleReport(4), { generatedAt })) chunks.push(c as Buffer);
    const buf = Buffer.concat(chunks);
    expect(buf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect((await pdfText(buf)).pages.length).toBeGreaterThanOrEqual(4);
  });
});

describe("renderListPdf", () => {
  const row = (i: number): ListRow => ({
    vendor: `Vendor ${i}`,
    product: `Product ${i}`,
    framework: "Safe Deployment Principles 1.0",
    period: "2026-01-01 to 2026-06-30",
    result: "meets_with_conditions",
    overall: 2.45,
    publishedAt: "2026-11-30T12:00:00.000Z",
    domains: [
      { key: "ROL", score: 2.5 },
      { key: "TST", score: 3 },
    ],
    superseded: i % 10 === 3,
  });

  it("paginates 300 rows with the header row on every page", async () => {
    const buf = await renderListPdf(
      Array.from({ length: 300 }, (_, i) => row(i)),
      { title: "Published reports", filters: "Framework: Safe Deployment Principles 1.0", generatedAt },
    );
    expect(buf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { pages } = await pdfText(buf);
    const n = pages.length;
    expect(n).toBeGreaterThan(2);
    expect(pages[0]).toContain("Page 1 of");
    expect(pages[0]).toContain("300 published reports");
    expect(pages[0]).toContain("Framework: Safe Deployment Principles 1.0");
    pages.forEach((p, i) => {
      expect(p).toContain(`Page ${i + 1} of ${n}`);
      expect(p).toContain("Vendor Product Framework Period Result Overall Published Domain scores");
    });
    const all = pages.join(" ");
    expect(all).toContain("ROL 2.50 · TST 3.00");
    expect(all).toContain("Meets with conditions Superseded");
    for (const i of [0, 150, 299]) expect(all).toContain(`Vendor ${i} `);
  });

  it("says so when no report matches", async () => {
    const { pages } = await pdfText(await renderListPdf([], { title: "Published reports", filters: "Result: Does not meet", generatedAt }));
    expect(pages).toHaveLength(1);
    expect(pages[0]).toContain("No published reports match these filters.");
    expect(pages[0]).toContain("Page 1 of 1");
  });
});
