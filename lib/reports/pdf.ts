/**
 * PDF editions of a published report and of a list of reports, drawn with
 * pdfkit's standard fonts (no font files). Pages are buffered so the contents
 * page and the "Page X of Y" footers are filled in once the page count is known.
 * Node only (pdfkit reads its font metrics from node_modules at runtime).
 */

import PDFDocument from "pdfkit";
import { count, formatNumber, labelOf } from "@/lib/format";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { CHANNEL_LABELS, EVIDENCE_KIND_LABELS } from "@/lib/validations/catalog";
import { REMEDIATION_STATUS_LABELS } from "@/lib/validations/review";
import { FINDING_CODE_LABELS, SEVERITY_LABELS } from "@/lib/validations/rollouts";
import { CLASSIFICATION_LABELS } from "@/lib/validations/vendor";
import { RESULT_LABELS } from "@/lib/review/outcome";
import { scoreBand, type ReportDocument } from "./document";

type Doc = PDFKit.PDFDocument;
/** `portalUrl`: the portal's public address, to say where the report is published. */
export type ReportPdfOptions = { generatedAt?: Date; reportDigest?: string; portalUrl?: string };
export type ListRow = {
  vendor: string;
  product: string;
  framework: string;
  period: string;
  result: string;
  overall: number;
  publishedAt: string;
  domains: { key: string; score: number }[];
  superseded: boolean;
};

const MARGIN = { top: 72, bottom: 72, left: 62, right: 62 };
const INK = "#1b1f24";
const MUTED = "#57606a";
const RULE = "#c9d1d9";
const HEAD_FILL = "#e9edf2";
const BAND_COLOURS = { low: "#b42318", weak: "#d46b08", fair: "#b88a00", good: "#3d8b5a", strong: "#1f6b43" } as const;

// Characters the standard fonts' WinAnsi encoding has beyond Latin-1; anything else would print as a wrong glyph.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACEMENTS: Record<string, string> = { "≥": ">=", "≤": "<=", "→": "->", "←": "<-", "✓": "yes", "✔": "yes", "\t": " " };
function safe(text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\n" || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += REPLACEMENTS[ch] ?? (code < 0x20 ? "" : "?");
  }
  return out;
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC", hourCycle: "h23" });
function fmtDate(value: string | Date): string {
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? String(value) : dateFormat.format(d);
}
const shortFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
function fmtShortDate(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : shortFormat.format(d);
}
function fmtDateTime(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${dateFormat.format(d)}, ${timeFormat.format(d)} UTC`;
}

// ---------------------------------------------------------------- primitives

function createDoc(layout: "portrait" | "landscape", margins: typeof MARGIN, info: PDFKit.DocumentInfo): Doc {
  const doc = new PDFDocument({ size: "A4", layout, margins, bufferPages: true, info, lang: "en-GB", displayTitle: true });
  doc.font("Helvetica").fontSize(10).fillColor(INK);
  return doc;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const maxY = (doc: Doc) => doc.page.height - doc.page.margins.bottom;
const pageIndex = (doc: Doc) => doc.bufferedPageRange().count - 1;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > maxY(doc)) doc.addPage();
}

type TextStyle = { font?: string; size?: number; color?: string };
function style(doc: Doc, s: TextStyle = {}): Doc {
  return doc
    .font(s.font ?? "Helvetica")
    .fontSize(s.size ?? 10)
    .fillColor(s.color ?? INK);
}

/** A flowing paragraph at the left margin (may continue on the next page). */
function para(doc: Doc, text: string, s: TextStyle & { indent?: number; gap?: number } = {}): void {
  const indent = s.indent ?? 0;
  style(doc, s).text(safe(text), doc.page.margins.left + indent, doc.y, { width: contentWidth(doc) - indent, lineGap: 2 });
  doc.y += s.gap ?? 6;
}

function bullets(doc: Doc, items: string[], numbered = false): void {
  items.forEach((item, i) => {
    style(doc);
    ensureSpace(doc, doc.heightOfString(safe(item), { width: contentWidth(doc) - 18, lineGap: 2 }));
    const y = doc.y;
    doc.text(numbered ? `${i + 1}.` : "•", doc.page.margins.left + 4, y, { width: 14, lineBreak: false });
    doc.y = y;
    para(doc, item, { indent: 18, gap: 3 });
  });
  doc.y += 4;
}

type Column = { header: string; width: number; align?: "left" | "center" | "right"; font?: string };
type Cell = string | { text: string; font?: string; color?: string };
const PAD_X = 4;
const PAD_Y = 3.5;
const TABLE_SIZE = 8.5;

/**
 * A table that breaks between rows, repeating the header row on each page.
 * Column widths are fractions of the content width. A row taller than a page
 * (it would need pathological text) is cut with an ellipsis rather than split.
 */
function table(doc: Doc, columns: Column[], rows: Cell[][], opts: { continued?: string; size?: number } = {}): void {
  const size = opts.size ?? TABLE_SIZE;
  const left = doc.page.margins.left;
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const cellOf = (cell: Cell | undefined) => (typeof cell === "string" ? { text: cell } : (cell ?? { text: "" }));
  const measure = (text: string, font: string, w: number) =>
    doc
      .font(font)
      .fontSize(size)
      .heightOfString(safe(text) || " ", { width: w - 2 * PAD_X, lineGap: 1 });
  const headerHeight = Math.max(...columns.map((c, i) => measure(c.header, "Helvetica-Bold", widths[i]!))) + 2 * PAD_Y;

  const drawRow = (cells: Cell[], y: number, height: number, header: boolean) => {
    if (header) doc.rect(left, y, total, height).fill(HEAD_FILL);
    let x = left;
    columns.forEach((col, i) => {
      const cell = header ? { text: col.header, font: "Helvetica-Bold" } : cellOf(cells[i]);
      style(doc, { font: cell.font ?? col.font ?? "Helvetica", size, color: cell.color ?? INK });
      doc.text(safe(cell.text), x + PAD_X, y + PAD_Y, {
        width: widths[i]! - 2 * PAD_X,
        height: height - 2 * PAD_Y + 1,
        ellipsis: true,
        lineGap: 1,
        align: col.align ?? "left",
      });
      x += widths[i]!;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + total, y + height)
      .lineWidth(header ? 0.8 : 0.4)
      .strokeColor(header ? MUTED : RULE)
      .stroke();
  };
  const startPage = () => {
    let y = doc.y;
    if (opts.continued && pageIndex(doc) !== firstPage) {
      style(doc, { font: "Helvetica-Oblique", size: 8.5, color: MUTED }).text(safe(`${opts.continued} (continued)`), left, y, { width: total });
      y = doc.y + 4;
    }
    drawRow([], y, headerHeight, true);
    return y + headerHeight;
  };

  ensureSpace(doc, headerHeight + 40);
  const firstPage = pageIndex(doc);
  let y = startPage();
  for (const cells of rows) {
    const limit = maxY(doc) - doc.page.margins.top - headerHeight - 20;
    const height = Math.min(
      limit,
      Math.max(
        ...columns.map((c, i) => {
          const cell = cellOf(cells[i]);
          return measure(cell.text, cell.font ?? c.font ?? "Helvetica", widths[i]!);
        }),
      ) +
        2 * PAD_Y,
    );
    if (y + height > maxY(doc)) {
      doc.addPage();
      y = startPage();
    }
    drawRow(cells, y, height, false);
    y += height;
  }
  doc.x = left;
  doc.y = y + 12;
}

function keyValues(doc: Doc, pairs: [string, string][], keyW = 150): void {
  const left = doc.page.margins.left;
  for (const [k, v] of pairs) {
    style(doc);
    const h = doc.heightOfString(safe(v), { width: contentWidth(doc) - keyW, lineGap: 2 });
    ensureSpace(doc, h);
    const y = doc.y;
    style(doc, { font: "Helvetica-Bold", color: MUTED }).text(safe(k), left, y, { width: keyW - 10 });
    style(doc).text(safe(v), left + keyW, y, { width: contentWidth(doc) - keyW, lineGap: 2 });
    doc.y = Math.max(doc.y, y + h) + 3;
  }
  doc.x = left;
  doc.y += 6;
}

function subheading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.y += 4;
  style(doc, { font: "Helvetica-Bold", size: 11 }).text(safe(text), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.y += 4;
}

/** Stamps each page from `from` with a running header and "Page X of Y". */
function stampPages(doc: Doc, from: number, headerLeft: string, headerRight: string, footerLeft: string): void {
  const { count: total } = doc.bufferedPageRange();
  for (let i = from; i < total; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing in the margin must not start a new page
    const left = doc.page.margins.left;
    const width = contentWidth(doc);
    const top = doc.page.margins.top - 34;
    const foot = doc.page.height - bottom + 26;
    style(doc, { size: 8, color: MUTED });
    doc.text(safe(headerLeft), left, top, { width: width - 120, height: 10, ellipsis: true });
    doc.text(safe(headerRight), left + width - 120, top, { width: 120, height: 10, align: "right" });
    doc
      .moveTo(left, top + 13)
      .lineTo(left + width, top + 13)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc
      .moveTo(left, foot - 6)
      .lineTo(left + width, foot - 6)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.text(safe(footerLeft), left, foot, { width: width - 90, height: 10, ellipsis: true });
    doc.text(`Page ${i + 1} of ${total}`, left + width - 90, foot, { width: 90, height: 10, align: "right" });
    doc.page.margins.bottom = bottom;
  }
}

// ---------------------------------------------------------------- the report

type Sections = { title: string; page: number }[];

function heading(doc: Doc, sections: Sections, title: string): void {
  ensureSpace(doc, 120);
  if (doc.y > doc.page.margins.top + 1) doc.y += 14;
  sections.push({ title, page: pageIndex(doc) + 1 });
  style(doc, { font: "Helvetica-Bold", size: 15 }).text(safe(`${sections.length}. ${title}`), doc.page.margins.left, doc.y, { width: contentWidth(doc) });
  doc.y += 6;
}

function titlePage(doc: Doc, r: ReportDocument, generatedAt: Date): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  doc.rect(0, 0, doc.page.width, 10).fill("#1f3a5f");
  style(doc, { font: "Helvetica-Bold", size: 9, color: MUTED }).text("RINGFENCE", left, 56, { characterSpacing: 2 });
  style(doc, { font: "Helvetica-Bold", size: 24 }).text("Deployment-practice attestation report", left, 170, { width });
  doc.y += 18;
  style(doc, { font: "Helvetica-Bold", size: 16 }).text(safe(r.vendor.name), left, doc.y, { width });
  doc.y += 2;
  style(doc, { size: 13, color: MUTED }).text(safe(r.product.name), left, doc.y, { width });
  doc.y += 20;
  doc
    .moveTo(left, doc.y)
    .lineTo(left + width, doc.y)
    .lineWidth(0.8)
    .strokeColor(RULE)
    .stroke();
  doc.y += 14;
  keyValues(doc, [
    ["Framework", `${r.framework.title}, version ${r.framework.version}`],
    ["Period", `${fmtDate(r.period.start)} to ${fmtDate(r.period.end)}`],
    ["Outcome", RESULT_LABELS[r.outcome.result]],
    ["Overall score", `${r.outcome.overall.toFixed(2)} of 4`],
    ["Published", fmtDate(r.report.publishedAt)],
    ["Report revision", `Revision ${r.report.revision}`],
    ["Edition", r.tier === "full" ? "Full edition" : "Observer edition"],
  ]);
  const note =
    r.tier === "full"
      ? "Contains confidential evidence details — for the vendor and the review panel only."
      : "Observer edition: confidential evidence is withheld.";
  const boxY = doc.page.height - 190;
  doc
    .rect(left, boxY, width, 44)
    .lineWidth(1)
    .strokeColor(r.tier === "full" ? "#9a3412" : "#1f3a5f")
    .stroke();
  style(doc, { font: "Helvetica-Bold", size: 11 }).text(note, left + 12, boxY + 15, { width: width - 24, height: 30, ellipsis: true });
  style(doc, { size: 8.5, color: MUTED }).text(
    safe(`Generated ${fmtDateTime(generatedAt.toISOString())}. Report ${r.report.id}.`),
    left,
    doc.page.height - 110,
    { width, height: 24 },
  );
}

function contentsPage(doc: Doc, r: ReportDocument, sections: Sections): void {
  doc.switchToPage(1);
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  style(doc, { font: "Helvetica-Bold", size: 15 }).text("Contents", left, doc.page.margins.top, { width });
  let y = doc.y + 12;
  sections.forEach((s, i) => {
    const label = safe(`${i + 1}. ${s.title}`);
    style(doc, { size: 11 }).text(label, left, y, { width: width - 40, lineBreak: false });
    doc.text(String(s.page), left + width - 40, y, { width: 40, align: "right", lineBreak: false });
    const x1 = left + doc.widthOfString(label) + 6;
    doc
      .moveTo(x1, y + 9)
      .lineTo(left + width - 40 + 40 - doc.widthOfString(String(s.page)) - 6, y + 9)
      .dash(0.6, { space: 2.5 })
      .lineWidth(0.8)
      .strokeColor(MUTED)
      .stroke()
      .undash();
    y += 22;
  });
  doc.y = y + 20;
  style(doc, { font: "Helvetica-Bold", size: 11 }).text("About this report", left, doc.y, { width });
  doc.y += 4;
  para(
    doc,
    `This report records the review panel's assessment of ${r.vendor.name}'s deployment practices for ${r.product.name} against ${r.framework.title} ${r.framework.version}, for the period ${fmtDate(r.period.start)} to ${fmtDate(r.period.end)}.`,
  );
  para(
    doc,
    "The panel scores each control from 0 to 4 by consensus. Domain scores and the overall score are weighted means of the control scores. The outcome follows the framework's published rules, and the reasons for any result below \u201cmeets\u201d are listed in section 1.",
  );
  para(
    doc,
    r.tier === "full"
      ? "This is the full edition. It names every evidence item the panel reviewed, including items the vendor marked confidential, and must not be passed on beyond the vendor and the review panel."
      : "This is the observer edition. It lists only the evidence the vendor classified as publishable; confidential items are counted but not described.",
  );
}

function domainChart(doc: Doc, r: ReportDocument): void {
  const left = doc.page.margins.left;
  const labelW = 140;
  const valueW = 34;
  const chartX = left + labelW;
  const chartW = contentWidth(doc) - labelW - valueW;
  const barH = 14;
  style(doc, { size: 9 });
  const rowHs = r.domains.map((d) => Math.max(barH, doc.heightOfString(safe(d.title), { width: labelW - 10 })) + 9);
  const plotH = rowHs.reduce((a, b) => a + b, 0);
  ensureSpace(doc, plotH + 60);
  const top = doc.y + 4;
  for (let t = 0; t <= 4; t++) {
    const x = chartX + (t / 4) * chartW;
    doc
      .moveTo(x, top)
      .lineTo(x, top + plotH)
      .lineWidth(t === 0 ? 0.8 : 0.4)
      .strokeColor(t === 0 ? MUTED : RULE)
      .stroke();
    style(doc, { size: 8, color: MUTED }).text(String(t), x - 10, top + plotH + 4, { width: 20, align: "center", lineBreak: false });
  }
  let y = top;
  r.domains.forEach((d, i) => {
    const h = rowHs[i]!;
    const mid = y + h / 2;
    style(doc, { size: 9 });
    const labelH = doc.heightOfString(safe(d.title), { width: labelW - 10 });
    doc.text(safe(d.title), left, mid - labelH / 2, { width: labelW - 10, align: "right" });
    const w = (Math.min(4, Math.max(0, d.score)) / 4) * chartW;
    if (w > 0) doc.rect(chartX, mid - barH / 2, w, barH).fill(BAND_COLOURS[scoreBand(d.score)]);
    style(doc, { font: "Helvetica-Bold", size: 9 }).text(d.score.toFixed(2), chartX + w + 4, mid - 4.5, { width: valueW + 20, lineBreak: false });
    y += h;
  });
  style(doc, { size: 8, color: MUTED }).text("Score (0 to 4)", chartX, top + plotH + 16, { width: chartW, align: "center" });
  doc.x = left;
  doc.y = top + plotH + 34;
}

function chartCaption(r: ReportDocument): string {
  if (r.domains.length === 0) return "No domain scores were recorded.";
  const hi = Math.max(...r.domains.map((d) => d.score));
  const lo = Math.min(...r.domains.map((d) => d.score));
  const names = (v: number) =>
    r.domains
      .filter((d) => d.score === v)
      .map((d) => d.title)
      .join(" and ");
  if (hi === lo) return `All ${count(r.domains.length, "domain")} scored ${hi.toFixed(2)}.`;
  return `Highest: ${names(hi)} ${hi.toFixed(2)}; lowest: ${names(lo)} ${lo.toFixed(2)}.`;
}

const BAND_LABELS = { low: "Low", weak: "Weak", fair: "Fair", good: "Good", strong: "Strong" } as const;
const fmtScore = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));

function outcomeSections(doc: Doc, r: ReportDocument, sections: Sections): void {
  heading(doc, sections, "Outcome");
  keyValues(doc, [
    ["Result", RESULT_LABELS[r.outcome.result]],
    ["Overall score", `${r.outcome.overall.toFixed(2)} of 4`],
    ["Decided", fmtDateTime(r.outcome.decidedAt)],
    ["Co-signed", r.outcome.cosignedAt ? fmtDateTime(r.outcome.cosignedAt) : "Not co-signed"],
  ]);
  if (r.outcome.reasons.length) {
    subheading(doc, "Why the result is below \u201cmeets the principles\u201d");
    bullets(doc, r.outcome.reasons);
  }
  subheading(doc, "Panel summary");
  para(doc, r.outcome.summary.trim() || "The panel gave no summary.");

  heading(doc, sections, "Panel");
  para(doc, "The review panel is listed by organisation and role. Reviewers' names are not published.");
  if (r.panel.length)
    table(
      doc,
      [
        { header: "Organisation", width: 0.5 },
        { header: "Role", width: 0.3 },
        { header: "Lead", width: 0.2 },
      ],
      r.panel.map((p) => [p.organisation, ROLE_LABELS[p.role], p.lead ? "Lead" : ""]),
    );
  else para(doc, "No panel members are recorded.");

  heading(doc, sections, "Domain scores");
  para(
    doc,
    "The weighted mean of the panel's consensus control scores in each domain, on a scale of 0 to 4. The colour of each bar shows its band; the value is printed beside it.",
  );
  if (r.domains.length) domainChart(doc, r);
  para(doc, chartCaption(r), { font: "Helvetica-Bold" });
  if (r.domains.length) {
    table(
      doc,
      [
        { header: "Domain", width: 0.46 },
        { header: "Score", width: 0.14, align: "right" },
        { header: "Band", width: 0.2 },
        { header: "Controls", width: 0.2, align: "right" },
      ],
      r.domains.map((d) => [d.title, d.score.toFixed(2), BAND_LABELS[scoreBand(d.score)], String(r.controls.filter((c) => c.domain === d.key).length)]),
    );
    para(doc, "Bands: below 1 low; 1 to below 2 weak; 2 to below 3 fair; 3 to below 3.5 good; 3.5 and above strong.", { size: 8.5, color: MUTED });
  }

  heading(doc, sections, "Control scores");
  para(
    doc,
    "The panel's consensus score for each control and what the framework's rubric says that score means. Controls marked \u201cmust\u201d fail the assessment outright if scored 0.",
  );
  const domainTitle = new Map(r.domains.map((d) => [d.key, d.title]));
  table(
    doc,
    [
      { header: "Control", width: 0.15 },
      { header: "Title", width: 0.22 },
      { header: "Domain", width: 0.16 },
      { header: "Score", width: 0.08, align: "center" },
      { header: "What the score means", width: 0.39 },
    ],
    r.controls.map((c) => [c.must ? `${c.controlId}\nmust` : c.controlId, c.title, domainTitle.get(c.domain) ?? c.domain, fmtScore(c.score), c.rubric]),
    { continued: "Control scores" },
  );
}

function findingsSections(doc: Doc, r: ReportDocument, sections: Sections): void {
  heading(doc, sections, "Inter-rater agreement");
  const stat = (v: number | null) => (v === null ? "Not computed" : v.toFixed(2));
  keyValues(
    doc,
    [
      ["Raters", String(r.agreement.raters)],
      ["Krippendorff's alpha (ordinal)", stat(r.agreement.alphaOrdinal)],
      ["Weighted kappa (quadratic)", stat(r.agreement.kappaQuadratic)],
    ],
    180,
  );
  para(
    doc,
    "Both figures measure how far the reviewers' individual scores agreed before the panel settled its consensus: 1 is full agreement and 0 is no better than chance. An alpha of 0.80 or above is commonly read as reliable agreement, and 0.67 to 0.80 as tentative. Figures are not computed when fewer than two reviewers scored.",
  );

  heading(doc, sections, "Rollout analysis");
  const ro = r.rollouts;
  if (ro.releases === 0 && ro.records.length === 0) para(doc, "No rollout records are linked to this attestation.");
  else {
    para(
      doc,
      `The linked rollout records cover ${count(ro.releases, "release")}. ${formatNumber(ro.canaryStaged)} of ${count(ro.releases, "release")} started with a canary ring.`,
    );
    table(
      doc,
      [
        { header: "Release", width: 0.22 },
        { header: "Version", width: 0.16 },
        { header: "Channel", width: 0.16 },
        { header: "Canary first", width: 0.18 },
        { header: "Worst finding", width: 0.28 },
      ],
      ro.records.map((x) => [
        x.releaseId,
        x.version,
        labelOf(CHANNEL_LABELS, x.channel),
        x.canary ? "Yes" : "No",
        x.worstSeverity ? labelOf(SEVERITY_LABELS, x.worstSeverity) : "None",
      ]),
      { continued: "Rollout records" },
    );
    subheading(doc, "Findings");
    const findings = ro.records.flatMap((x) =>
      x.findings.map((f) => `${x.releaseId} (${labelOf(SEVERITY_LABELS, f.severity)}, ${labelOf(FINDING_CODE_LABELS, f.code)}): ${f.message}`),
    );
    if (findings.length) bullets(doc, findings);
    else para(doc, "The analysis raised no findings.");
  }

  heading(doc, sections, "Remediation items");
  if (r.remediation.length) {
    para(doc, "What the vendor must do, by when. Status is as at publication.");
    table(
      doc,
      [
        { header: "Control", width: 0.16 },
        { header: "Action", width: 0.52 },
        { header: "Due", width: 0.18 },
        { header: "Status", width: 0.14 },
      ],
      r.remediation.map((m) => [m.controlId, m.action, fmtDate(m.dueDate), REMEDIATION_STATUS_LABELS[m.status]]),
      { continued: "Remediation items" },
    );
  } else para(doc, "The panel set no remediation items.");
}

function evidenceSection(doc: Doc, r: ReportDocument, sections: Sections): void {
  heading(doc, sections, "Evidence");
  const ev = r.evidence;
  para(
    doc,
    r.tier === "full"
      ? `The panel reviewed ${count(ev.total, "evidence item")}. All are listed, including those the vendor marked for reviewers only.`
      : `The panel reviewed ${count(ev.total, "evidence item")}. This edition lists only the items the vendor classified as publishable.`,
  );
  if (ev.items.length) {
    table(
      doc,
      [
        { header: "Title", width: 0.24 },
        { header: "Kind", width: 0.12 },
        { header: "Classification", width: 0.14 },
        { header: "File name or URL", width: 0.2 },
        { header: "SHA-256", width: 0.3, font: "Courier" },
      ],
      ev.items.map((e) => [
        e.title,
        labelOf(EVIDENCE_KIND_LABELS, e.kind),
        CLASSIFICATION_LABELS[e.classification],
        e.fileName ?? e.url ?? "—",
        e.sha256 ?? "—",
      ]),
      { continued: "Evidence" },
    );
  } else para(doc, "No evidence items are listed in this edition.");
  if (ev.confidentialCount > 0) {
    const n = ev.confidentialCount;
    para(doc, n === 1 ? "1 confidential item was reviewed and is not listed." : `${formatNumber(n)} confidential items were reviewed and are not listed.`, {
      font: "Helvetica-Bold",
    });
  }
}

function closingSections(doc: Doc, r: ReportDocument, sections: Sections, { reportDigest, portalUrl }: ReportPdfOptions): void {
  if (r.vendorResponse?.trim()) {
    heading(doc, sections, "Vendor response");
    para(
      doc,
      "The following is the vendor's own statement, in the vendor's words. It is published with the report but is not part of the panel's findings, and the panel has not verified it.",
      { color: MUTED },
    );
    const [first, y0] = [pageIndex(doc), doc.y];
    para(doc, r.vendorResponse.trim(), { font: "Helvetica-Oblique", indent: 14 });
    // A rule beside the vendor's words on every page they run over, so no page of them reads as the panel's.
    const [last, y1] = [pageIndex(doc), doc.y - 6];
    for (let p = first; p <= last; p++) {
      doc.switchToPage(p);
      const x = doc.page.margins.left + 3;
      doc
        .moveTo(x, p === first ? y0 : doc.page.margins.top)
        .lineTo(x, p === last ? y1 : maxY(doc))
        .lineWidth(2)
        .strokeColor(RULE)
        .stroke();
    }
    doc.y = y1 + 6;
  }

  heading(doc, sections, "Verification");
  para(doc, "Submission digest (SHA-256):", { font: "Helvetica-Bold", gap: 2 });
  para(doc, r.submission.digest, { font: "Courier", size: 9.5 });
  para(doc, `Signed on ${fmtDateTime(r.submission.signedAt)} by the vendor's ${r.submission.signerTitle}.`);
  para(
    doc,
    "The digest is the SHA-256 of the RFC 8785 canonical JSON of the signed submission. To check that a copy of the submission is the one the panel reviewed:",
  );
  bullets(
    doc,
    [
      "Obtain the signed submission as JSON from the vendor or the review portal.",
      "Serialise it as canonical JSON under RFC 8785 (the JSON Canonicalization Scheme): members sorted by name, no insignificant whitespace, numbers in their shortest form.",
      "Compute the SHA-256 of the resulting UTF-8 bytes and write it as 64 lower-case hexadecimal characters.",
      "Compare the result with the digest above. They must be identical; any difference means the copy is not the submission the panel reviewed.",
      "Evidence files listed with a SHA-256 can be checked the same way: hash the file's bytes and compare.",
    ],
    true,
  );
  if (reportDigest) {
    doc.y += 6;
    para(doc, "Report document SHA-256:", { font: "Helvetica-Bold", gap: 2 });
    para(doc, reportDigest, { font: "Courier", size: 9.5 });
    para(doc, `The SHA-256 of the RFC 8785 canonical JSON of the published report document (${r.tier} edition) from which this PDF was generated.`);
  }
  if (portalUrl) para(doc, `The report is published in the portal at ${portalUrl.replace(/\/+$/, "")}/reports/${r.report.id}.`);
}

function buildReport(r: ReportDocument, opts: ReportPdfOptions): Doc {
  const generatedAt = opts.generatedAt ?? new Date();
  const info: PDFKit.DocumentInfo = {
    Title: safe(`Deployment-practice attestation report: ${r.vendor.name} ${r.product.name}`),
    Author: "Ringfence",
    Subject: safe(`${r.framework.title} ${r.framework.version}, ${r.period.start} to ${r.period.end}, revision ${r.report.revision} (${r.tier} edition)`),
    ...(opts.generatedAt ? { CreationDate: opts.generatedAt } : {}),
  };
  const doc = createDoc("portrait", MARGIN, info);
  titlePage(doc, r, generatedAt);
  doc.addPage(); // contents, filled in once the sections' pages are known
  doc.addPage();
  const sections: Sections = [];
  outcomeSections(doc, r, sections);
  findingsSections(doc, r, sections);
  evidenceSection(doc, r, sections);
  closingSections(doc, r, sections, opts);
  contentsPage(doc, r, sections);
  const edition = r.tier === "full" ? "Full edition · confidential" : "Observer edition";
  stampPages(
    doc,
    1,
    `${r.vendor.name} — ${r.product.name} — ${r.framework.title} ${r.framework.version}`,
    edition,
    `Submission SHA-256 ${r.submission.digest.slice(0, 16)}… · Revision ${r.report.revision}`,
  );
  return doc;
}

/** The report as a PDF stream (A4, paginated); pages are buffered, so data flows once rendering is done. */
export function renderReportPdfStream(doc: ReportDocument, opts: ReportPdfOptions = {}): NodeJS.ReadableStream {
  const pdf = buildReport(doc, opts);
  pdf.end();
  return pdf;
}

export async function renderReportPdf(doc: ReportDocument, opts: ReportPdfOptions = {}): Promise<Buffer> {
  const pdf = buildReport(doc, opts);
  const out = collect(pdf);
  pdf.end();
  return out;
}

// ---------------------------------------------------------------- a list of reports

export async function renderListPdf(rows: ListRow[], opts: { title: string; filters: string; generatedAt?: Date }): Promise<Buffer> {
  const generatedAt = opts.generatedAt ?? new Date();
  const margins = { top: 56, bottom: 56, left: 40, right: 40 };
  const doc = createDoc("landscape", margins, {
    Title: safe(opts.title),
    Author: "Ringfence",
    Subject: safe(`Published reports: ${opts.filters}`),
    ...(opts.generatedAt ? { CreationDate: opts.generatedAt } : {}),
  });
  const out = collect(doc);
  const left = margins.left;
  style(doc, { font: "Helvetica-Bold", size: 18 }).text(safe(opts.title), left, margins.top, { width: contentWidth(doc) });
  doc.y += 6;
  keyValues(doc, [
    ["Filters", opts.filters.trim() || "None"],
    ["Generated", fmtDateTime(generatedAt.toISOString())],
    ["Reports", count(rows.length, "published report")],
  ]);
  if (rows.length === 0) para(doc, "No published reports match these filters.", { font: "Helvetica-Bold" });
  else {
    const labels = RESULT_LABELS as Record<string, string | undefined>;
    table(
      doc,
      [
        { header: "Vendor", width: 0.13 },
        { header: "Product", width: 0.12 },
        { header: "Framework", width: 0.15 },
        { header: "Period", width: 0.145 },
        { header: "Result", width: 0.13 },
        { header: "Overall", width: 0.06, align: "right" },
        { header: "Published", width: 0.09 },
        { header: "Domain scores", width: 0.175 },
      ],
      rows.map((row) => {
        const color = row.superseded ? MUTED : INK;
        const result = labels[row.result] ?? row.result;
        const cells = [
          row.vendor,
          row.product,
          row.framework,
          row.period,
          row.superseded ? `${result}\nSuperseded` : result,
          row.overall.toFixed(2),
          fmtShortDate(row.publishedAt),
          row.domains.map((d) => `${d.key} ${d.score.toFixed(2)}`).join(" · "),
        ];
        return cells.map((text) => ({ text, color }));
      }),
      { continued: opts.title },
    );
    if (rows.some((row) => row.superseded))
      para(doc, "Rows marked \u201cSuperseded\u201d are reports on an attestation revision that a later published report replaces.", {
        size: 8.5,
        color: MUTED,
      });
  }
  stampPages(doc, 0, opts.title, "Ringfence", `Generated ${fmtDate(generatedAt)} · ${count(rows.length, "report")}`);
  doc.end();
  return out;
}
