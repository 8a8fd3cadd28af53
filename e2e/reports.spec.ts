import { createRequire } from "node:module";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { expect, storageStateFor, test, type AccountKey } from "./fixtures";

const fontDir = path.join(path.dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep;

async function pdfPages(buf: Buffer): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(buf), standardFontDataUrl: fontDir, useSystemFonts: false, verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) pages.push((await (await pdf.getPage(i)).getTextContent()).items.map((it) => ("str" in it ? it.str : "")).join(" "));
  await pdf.destroy();
  return pages;
}

async function as(browser: Browser, who: AccountKey): Promise<Page> {
  return (await browser.newContext({ storageState: storageStateFor(who) })).newPage();
}

/** Evidence the vendor kept for reviewers only, as the vendor's own (full) edition of its current report lists it. */
async function confidentialOf(browser: Browser): Promise<string[]> {
  const bastion = await as(browser, "bastion");
  await bastion.goto("/vendor/attestations");
  // Both Bastion reports cover the same evidence (the remediation revision kept its links).
  await bastion.getByRole("row").filter({ hasText: "Published" }).getByRole("link").first().click();
  await bastion.getByRole("link", { name: "Read the published report" }).click();
  await expect(bastion.getByRole("heading", { name: "Evidence" })).toBeVisible();
  const items = await bastion.getByTestId("report-evidence").locator("li").filter({ hasText: "Reviewers only" }).all();
  const secrets: string[] = [];
  for (const li of items) {
    const lines = (await li.innerText()).split("\n").map((l) => l.trim());
    secrets.push(lines[0]!);
    for (const l of lines) {
      if (l.startsWith("File: ")) secrets.push(l.slice(6));
      if (l.startsWith("SHA-256 ")) secrets.push(l.slice(8));
    }
  }
  await bastion.context().close();
  return secrets.filter((s) => s.length > 6);
}

test("a government observer filters the dashboard, opens a report and downloads every export; nothing confidential reaches them", async ({ browser }) => {
  test.setTimeout(120_000);
  const secrets = await confidentialOf(browser);
  expect(secrets.length).toBeGreaterThanOrEqual(3);

  const page = await as(browser, "observer");
  await page.goto("/reports");
  await expect(page.getByRole("heading", { name: "Published reports" })).toBeVisible();
  await page.getByRole("combobox", { name: "Period" }).selectOption("all");
  await page.getByRole("combobox", { name: "Outcome" }).selectOption("meets");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/result=meets(&|$)/);
  const heatmap = page.getByTestId("heatmap");
  await expect(heatmap.getByRole("link", { name: /Bastion Sensor Labs: Bastion EDR/ })).toBeVisible();
  await expect(heatmap.getByRole("link", { name: /Cobalt/ })).toHaveCount(0);
  // The view is in the URL: reloading keeps it.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "Outcome" })).toHaveValue("meets");
  await expect(page.getByTestId("outcomes-table")).toContainText("Meets the principles");

  await heatmap.getByRole("link", { name: /Bastion Sensor Labs: Bastion EDR/ }).click();
  await expect(page.getByRole("heading", { name: "Bastion Sensor Labs: Bastion EDR" })).toBeVisible();
  await expect(page.getByTestId("report-outcome")).toContainText("Meets the principles");
  await expect(page.getByText(/Observer edition/)).toBeVisible();
  await expect(page.getByTestId("confidential-count")).toContainText(/confidential items? (was|were) reviewed/);
  const reportUrl = page.url();
  const html = await (await page.request.get(reportUrl)).text();
  for (const s of secrets) expect(html, `page holds ${s}`).not.toContain(s);

  // The earlier revision says it is superseded and links here.
  await page.getByRole("link", { name: "revision 1" }).click();
  await expect(page.getByTestId("superseded")).toContainText("This report is superseded");
  await page.getByRole("link", { name: "Read the current report" }).click();
  await expect(page).toHaveURL(reportUrl);

  const downloads: Record<string, Buffer> = {};
  for (const [format, name] of [
    ["pdf", "PDF report"],
    ["csv", "Scores (CSV)"],
    ["json", "Scores (JSON)"],
    ["oscal-ar", "OSCAL assessment results"],
    ["oscal-poam", /OSCAL plan of action/],
  ] as const) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
    const file = await download.path();
    downloads[format] = (await import("node:fs")).readFileSync(file);
  }
  const pages = await pdfPages(downloads.pdf!);
  const pdfText = pages.join("\n");
  expect(pages.length).toBeGreaterThanOrEqual(4);
  expect(pdfText).toContain("Bastion Sensor Labs");
  expect(pdfText).toContain("Meets the principles");
  const domainRows = await page.locator("#domains ~ div table tbody tr").all();
  expect(domainRows.length).toBeGreaterThan(3);
  for (const row of domainRows) {
    const [title, score] = [await row.locator("th").innerText(), await row.locator("td").innerText()];
    expect(pdfText.replace(/\s+/g, "")).toContain(title.replace(/\s+/g, ""));
    expect(pdfText).toContain(score.trim());
  }
  const csv = downloads.csv!.toString("utf8");
  expect(csv.split("\n")[0]).toMatch(/^report_id,vendor,product/);
  expect(csv).toContain("Bastion Sensor Labs");
  const json = JSON.parse(downloads.json!.toString("utf8")) as { source: { revision: number; reportDigest: string }; rows: unknown[] };
  expect(json.source.revision).toBe(2);
  expect(json.rows.length).toBeGreaterThan(20);
  const ar = JSON.parse(downloads["oscal-ar"]!.toString("utf8")) as Record<string, unknown>;
  expect(ar["assessment-results"]).toBeTruthy();
  const poam = JSON.parse(downloads["oscal-poam"]!.toString("utf8")) as Record<string, unknown>;
  expect(poam["plan-of-action-and-milestones"]).toBeTruthy();
  for (const [format, buf] of Object.entries(downloads)) {
    const body = format === "pdf" ? pdfText : buf.toString("utf8");
    for (const s of secrets) expect(body, `${format} holds ${s}`).not.toContain(s);
  }

  // The dashboard's filtered list downloads too.
  await page.goto("/reports?period=all");
  const [list] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "List of reports (PDF)" }).click()]);
  const listText = (await pdfPages((await import("node:fs")).readFileSync(await list.path()))).join("\n");
  expect(listText).toContain("Cobalt Shield");
});

test("the public sees summaries vendors opted into, and nothing else", async ({ browser, baseURL }) => {
  const anon = await (await browser.newContext()).newPage();
  await anon.goto("/public/reports");
  await expect(anon.getByRole("heading", { name: "Public report summaries" })).toBeVisible();
  await expect(anon.getByRole("link", { name: /Cobalt/ })).toHaveCount(0);
  await anon.getByRole("link", { name: /Bastion Sensor Labs: Bastion EDR/ }).click();
  await expect(anon.getByTestId("public-outcome")).toContainText("Meets the principles");
  await expect(anon.getByTestId("public-digest")).toHaveText(/^[0-9a-f]{64}$/);
  const publicId = anon.url().split("/").pop()!;
  // The same id in the portal needs a session; export and evidence routes refuse.
  const res = await anon.request.get(`${baseURL}/reports/${publicId}`, { maxRedirects: 0 });
  expect(res.status()).toBe(307);
  expect((await anon.request.get(`${baseURL}/api/reports/${publicId}/export?format=pdf`)).status()).toBe(401);
  expect((await anon.request.get(`${baseURL}/api/reports/export?format=csv`)).status()).toBe(401);
  // A report whose vendor did not opt in has no public page.
  const observer = await as(browser, "observer");
  await observer.goto("/reports?period=all&vendor=");
  const cobaltHref = await observer
    .getByTestId("heatmap")
    .getByRole("link", { name: /Cobalt Shield/ })
    .first()
    .getAttribute("href");
  const cobaltId = cobaltHref!.split("/").pop()!;
  expect((await anon.request.get(`${baseURL}/public/reports/${cobaltId}`)).status()).toBe(404);
});

test("the vendor previews the report and adds a response; the panel's lead publishes it", async ({ browser }) => {
  const vendor = await as(browser, "officer");
  await vendor.goto("/vendor/attestations");
  await vendor.getByRole("row").filter({ hasText: "Decided" }).getByRole("link").first().click();
  await vendor.getByRole("link", { name: "Preview the report" }).click();
  await expect(vendor.getByRole("heading", { name: "Report preview" })).toBeVisible();
  const long = "x".repeat(1600);
  await vendor.getByLabel("Your public response (optional)").fill(long);
  await vendor.getByRole("button", { name: "Save" }).click();
  await expect(vendor.getByText("Keep the public response to 1,500 characters.")).toBeVisible();
  await expect(vendor.getByLabel("Your public response (optional)")).toHaveValue(long);
  await vendor.getByLabel("Your public response (optional)").fill("We will publish our ring definitions each quarter.");
  await vendor.getByLabel(/Show a public summary/).check();
  await vendor.getByLabel(/the panel's lead may publish the report now/).check();
  await vendor.getByRole("button", { name: "Save" }).click();
  await expect(vendor.getByText(/Saved. The panel's lead has been told/)).toBeVisible();
  const attestationId = vendor.url().split("/").slice(-2)[0]!;

  const lead = await as(browser, "reviewer");
  await lead.goto(`/review/${attestationId}/reconcile#publication`);
  await expect(lead.getByText(/The vendor read the preview and said on/)).toBeVisible();
  await lead.getByRole("button", { name: "Publish the report" }).click();
  await expect(lead).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  await expect(lead.getByText("We will publish our ring definitions each quarter.")).toBeVisible();
  await expect(lead.getByText(/Full edition/)).toBeVisible();

  await vendor.goto(`/vendor/attestations/${attestationId}`);
  await expect(vendor.getByRole("link", { name: "Read the published report" })).toBeVisible();
});

for (const [label, width, height] of [
  ["desktop", 1280, 900],
  ["phone", 390, 844],
] as const) {
  test(`axe finds no serious or critical violation on the report, public summary and dashboard pages (${label})`, async ({ browser }) => {
    // Four pages, each loaded and scanned: more than the default minute on a busy machine.
    test.setTimeout(150_000);
    const observer = await (await browser.newContext({ storageState: storageStateFor("observer"), viewport: { width, height } })).newPage();
    await observer.goto("/reports?period=all");
    await expect(observer.getByRole("heading", { name: "Published reports" })).toBeVisible();
    const reportHref = await observer.getByTestId("heatmap").getByRole("link").first().getAttribute("href");
    const anon = await (await browser.newContext({ viewport: { width, height } })).newPage();
    await anon.goto("/public/reports");
    const publicHref = await anon.getByRole("link", { name: /:/ }).first().getAttribute("href");
    for (const [page, url] of [
      [observer, "/reports?period=all"],
      [observer, reportHref!],
      [anon, "/public/reports"],
      [anon, publicHref!],
    ] as const) {
      await page.goto(url);
      await expect(page.locator("h1")).toBeVisible();
      await page.waitForLoadState("networkidle");
      const results = await new AxeBuilder({ page }).analyze();
      const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        `${url} at ${label}`,
      ).toEqual([]);
    }
  });
}
