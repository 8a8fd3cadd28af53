import crypto from "node:crypto";
import { expect, storageStateFor, test, uniqueName } from "./fixtures";

test.describe.configure({ mode: "serial" });
let productUrl = "";
let attestationUrl = "";
let evidenceUrl = "";

test("a new officer registers a product, answers, uploads, links, fixes the gaps, signs and verifies", async ({ browser }) => {
  test.setTimeout(420_000);
  const ctx = await browser.newContext({ storageState: storageStateFor("officer") });
  const page = await ctx.newPage();
  const product = uniqueName("E2E Content Filter");

  await page.goto("/vendor/products/new");
  await page.getByLabel("Product name").fill(product);
  await page.getByLabel("Platforms").fill("Windows");
  await page.getByLabel("Content updates (detection logic, configuration)").check();
  await page.getByLabel("Usual cadence of content updates").fill("daily");
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page.getByRole("heading", { level: 1, name: product })).toBeVisible();
  productUrl = new URL(page.url()).pathname;

  await page.getByRole("link", { name: "Start an attestation" }).click();
  await expect(page.getByLabel("Product")).toHaveValue(productUrl.split("/").pop()!);
  await page.getByLabel("Catalog version").selectOption({ label: "Safe Deployment Principles 1.0" });
  await page.getByRole("button", { name: "Start attestation" }).click();
  await expect(page.getByRole("heading", { level: 1, name: new RegExp(product) })).toBeVisible();
  attestationUrl = new URL(page.url()).pathname;

  // Three files at once, each with its own progress bar, result and details.
  const tag = crypto.randomBytes(4).toString("hex");
  const files = {
    report: `staging-report-${tag}.pdf`,
    log: `canary-log-${tag}.txt`,
    old: `old-checklist-${tag}.txt`,
  };
  await page.goto("/vendor/evidence/new");
  await page.getByLabel("Choose files to upload").setInputFiles([
    { name: files.report, mimeType: "application/pdf", buffer: Buffer.from(`%PDF-1.7\n% staging report ${tag}\n%%EOF\n`) },
    { name: files.log, mimeType: "text/plain", buffer: Buffer.from(`canary ring ${tag}: 0 crashes in 60 minutes\n`.repeat(2000)) },
    { name: files.old, mimeType: "text/plain", buffer: Buffer.from(`release checklist ${tag}, superseded\n`) },
  ]);
  for (const name of Object.values(files)) await expect(page.getByRole("progressbar", { name: `Upload progress of ${name}` })).toBeVisible();
  await expect(page.getByRole("list", { name: "Uploads" }).getByText(/^Uploaded/)).toHaveCount(3);
  // Per-file titles, right after the upload.
  const titles = { report: `Staging report ${tag}`, log: `Canary log ${tag}`, old: `Old checklist ${tag}` };
  for (const key of ["report", "log", "old"] as const) {
    await page.getByText(`Edit the details of ${files[key]}`).click();
    const form = page.getByRole("form", { name: `Details of ${files[key]}` });
    await form.getByLabel("Title").fill(titles[key]);
    if (key === "report") await form.getByLabel("Kind").selectOption({ label: "Test report" });
    await form.getByRole("button", { name: "Save details" }).click();
    await expect(form.getByText("Details saved.")).toBeVisible();
  }

  // Search the vault; edit one item on its page.
  await page.goto(`/vendor/evidence?q=${tag}`);
  await expect(page.getByText("Showing 1–3 of 3 items.")).toBeVisible();
  await page.getByLabel("Kind").selectOption({ label: "Test report" });
  await page.getByRole("button", { name: "Show matching evidence" }).click();
  await expect(page.getByText("Showing 1–1 of 1 item.")).toBeVisible();
  await page.getByRole("link", { name: titles.report }).click();
  await expect(page.getByRole("link", { name: "Download", exact: true })).toBeVisible();
  evidenceUrl = new URL(page.url()).pathname;
  const details = page.getByRole("form", { name: `Details of ${titles.report}` });
  await details.getByLabel("Valid until (optional)").fill("2020-01-01");
  await details.getByLabel("Date the evidence describes").fill("2026-03-01");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("The end of validity cannot be before the date the evidence describes.")).toBeVisible();
  await expect(details.getByLabel("Date the evidence describes")).toHaveValue("2026-03-01");
  await details.getByLabel("Valid until (optional)").fill("2027-03-01");
  await details.getByLabel("Description").fill("Staging ring results for the March release.");
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("Details saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Valid until 1 Mar 2027")).toBeVisible();

  // Replace the canary log with a new version: the history shows both.
  await page.goto(`/vendor/evidence?q=${encodeURIComponent(titles.log)}`);
  await page.getByRole("link", { name: titles.log }).click();
  await page.waitForURL(/\/vendor\/evidence\/[0-9a-f-]{36}$/);
  const logUrl = new URL(page.url()).pathname;
  await page.getByLabel("Replace with a new version").setInputFiles({
    name: `canary-log-${tag}-v2.txt`,
    mimeType: "text/plain",
    buffer: Buffer.from(`canary ring ${tag}: 0 crashes in 120 minutes\n`.repeat(2000)),
  });
  await expect(page.getByText("Version 2 uploaded.")).toBeVisible();
  const versions = page.getByRole("table", { name: "Versions of this file" });
  await expect(versions.getByRole("row")).toHaveCount(3);
  await expect(versions.getByText("2 (current)")).toBeVisible();
  await expect(versions.getByText(files.log)).toBeVisible();

  // Retire the superseded checklist: it leaves the current list and the picker.
  await page.goto(`/vendor/evidence?q=${encodeURIComponent(titles.old)}`);
  await page.getByRole("link", { name: titles.old }).click();
  await page.getByRole("button", { name: "Retire this item" }).click();
  await expect(page.getByText(/This item is retired/)).toBeVisible();
  await page.goto(`/vendor/evidence?q=${tag}`);
  await expect(page.getByText("Showing 1–2 of 2 items.")).toBeVisible();
  await page.goto(`/vendor/evidence?q=${tag}&status=retired`);
  await expect(page.getByRole("link", { name: titles.old })).toBeVisible();

  // Answer one control, then see the completeness check list what is missing.
  await page.goto(attestationUrl);
  const cards = page.locator('section[id^="control-"]');
  const first = cards.first();
  await first.getByLabel("Implementation status").selectOption("planned");
  await first.getByLabel("Narrative").fill("Staged rollout is being introduced.");
  await expect(first.getByText(/Saved at/)).toBeVisible();
  await page.goto(`${attestationUrl}/submit`);
  // Every gap at once, grouped: the must controls' missing evidence is listed before they are answered.
  const gaps = page.getByRole("list", { name: "Gaps" });
  await expect(gaps.getByRole("heading", { name: /^No implementation status chosen \(\d+\)$/ })).toBeVisible();
  await expect(gaps.getByRole("heading", { name: /^Must controls without evidence \(\d+\)$/ })).toBeVisible();
  await expect(gaps.getByRole("list", { name: /^Controls without a target date or plan/ }).getByText(/Add a target date and a plan/)).toBeVisible();
  await expect(page.getByRole("region", { name: "What you are signing" })).toContainText(/Planned: 1/);
  await expect(page.getByRole("button", { name: "Sign and submit" })).toHaveCount(0);
  // A gap's link lands on the field that fixes it.
  await gaps
    .getByRole("list", { name: /^Controls without a target date or plan/ })
    .getByRole("link")
    .first()
    .click();
  await page.waitForURL(/#.+-target$/);
  await expect(first.getByLabel("Target date (required)")).toBeInViewport();

  // Fix everything through the form: each control chosen in the control list, answered, evidence linked to the must controls.
  await page.goto(attestationUrl);
  const nav = page.getByRole("navigation", { name: "Controls" });
  const progress = page.getByTestId("progress");
  const n = await nav.getByRole("link").count();
  for (let i = 0; i < n; i++) {
    await nav.getByRole("link").nth(i).click();
    await expect(nav.getByRole("link").nth(i)).toHaveAttribute("aria-current", "step");
    const card = page.locator('section[id^="control-"]:visible');
    await expect(card).toHaveCount(1);
    await card.getByLabel("Implementation status").selectOption("implemented");
    await card.getByLabel("Narrative").fill(`Answer ${i}: done on every release, with records.`);
    await card.getByRole("radio", { name: /^Level 3/ }).check();
    await expect(card.getByText(/Saved at/)).toBeVisible({ timeout: 15_000 });
    if (/must\s*$/.test((await card.locator("h3").textContent()) ?? "")) {
      await card.getByRole("button", { name: /^Link evidence to / }).click();
      await card.getByLabel(/^Find evidence to link to /).fill(tag);
      await expect(card.getByRole("button", { name: `Link ${titles.old}`, exact: true })).toHaveCount(0);
      await card.getByRole("button", { name: `Link ${titles.report}`, exact: true }).click();
      await expect(card.getByText(/Evidence saved \(1 linked\)/)).toBeVisible();
      await card.getByRole("button", { name: `Link ${titles.log}`, exact: true }).click();
      await expect(card.getByText(/Evidence saved \(2 linked\)/)).toBeVisible();
    }
    // The list and the progress follow each save without a reload.
    await expect(nav.getByRole("link").nth(i)).toContainText("Complete");
  }
  await expect(progress).toContainText("No gaps");
  await expect(progress).toContainText(`${n} of ${n} controls answered`);

  await page.goto(`${attestationUrl}/submit`);
  await expect(page.getByText("Nothing is missing")).toBeVisible();
  const signing = page.getByRole("region", { name: "What you are signing" });
  await expect(signing).toContainText("Safe Deployment Principles, version 1.0");
  await expect(signing).toContainText("2 items, linked");
  await expect(signing.getByText("Expired evidence").locator("xpath=..")).toContainText("None");
  await page.getByLabel("Your full name (typed signature)").fill("Olivia Officer");
  await page.getByLabel("Your title").fill("Chief Information Security Officer");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByText("Confirm the attestation statement to sign.")).toBeVisible();
  await page.getByLabel(/I confirm the attestation statement/).check();
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByTestId("digest")).toHaveText(/^[0-9a-f]{64}$/);
  await page.getByRole("link", { name: "Verify the submission" }).click();
  await expect(page.getByText("The submission matches")).toBeVisible();

  // Starting the same product and period again is refused with a link to this one; what was typed stays.
  const productId = productUrl.split("/").pop()!;
  await page.goto(`/vendor/attestations/new?product=${productId}`);
  await page.getByLabel("Catalog version").selectOption({ label: "Safe Deployment Principles 1.0" });
  await page.getByLabel("Kind of attestation").selectOption({ label: "Revised attestation" });
  await page.getByRole("button", { name: "Start attestation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has an attestation" })).toContainText("submitted and is waiting for a review panel");
  await expect(page.getByRole("link", { name: /^Open the existing attestation/ })).toHaveAttribute("href", attestationUrl);
  await expect(page.getByLabel("Product")).toHaveValue(productId);
  await expect(page.getByLabel("Kind of attestation")).toHaveValue("revised");
  // The workspace says where the submitted one is; it offers no "Continue the draft" for it.
  await page.goto("/vendor");
  const step = page.getByRole("listitem").filter({ has: page.locator(`a[href="${attestationUrl}"]`) });
  await expect(step).toContainText("is submitted and waits for an administrator to assign its review panel");
  await expect(step).not.toContainText("Continue the draft");
  await expect(page.getByRole("link", { name: "Record how your recent releases were rolled out" })).toHaveAttribute("href", "/vendor/rollouts/new");

  // A third version of the log after signing: the submission still verifies against version 2, the one it signed.
  await page.goto(logUrl);
  await expect(page.getByRole("button", { name: "Delete this item" })).toHaveCount(0);
  await expect(page.getByText(/Cannot be deleted\. It is part of a signed submission/)).toBeVisible();
  await page
    .getByLabel("Replace with a new version")
    .setInputFiles({ name: `canary-log-${tag}-v3.txt`, mimeType: "text/plain", buffer: Buffer.from(`canary ring ${tag}: corrected\n`) });
  await expect(page.getByText("Version 3 uploaded.")).toBeVisible();
  await expect(page.getByRole("region", { name: "In signed submissions" }).getByText(/with version 2/)).toBeVisible();
  await page.goto(`${attestationUrl}/verify`);
  await expect(page.getByText("The submission matches")).toBeVisible();
  await ctx.close();
});

test("a contributor drafts but cannot sign or submit", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("contributor") });
  const page = await ctx.newPage();
  await page.goto("/vendor/attestations");
  const draft = page.getByRole("row").filter({ hasText: "Draft" }).getByRole("link").first();
  await draft.click();
  await page.getByRole("link", { name: "Check and submit" }).click();
  await expect(page.getByText("Only a compliance officer can sign and submit.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign and submit" })).toHaveCount(0);
  await page.goto("/vendor/products/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  await ctx.close();
});

test("an officer withdraws a submitted attestation; a contributor sees no withdraw control", async ({ browser }) => {
  const contributor = await browser.newContext({ storageState: storageStateFor("contributor") });
  const cpage = await contributor.newPage();
  await cpage.goto(attestationUrl);
  await expect(cpage.getByText(/^Submitted by /)).toBeVisible();
  await expect(cpage.getByRole("heading", { name: "Withdraw attestation" })).toHaveCount(0);
  await expect(cpage.getByRole("button", { name: "Withdraw attestation" })).toHaveCount(0);
  await contributor.close();

  const ctx = await browser.newContext({ storageState: storageStateFor("officer") });
  const page = await ctx.newPage();
  await page.goto(attestationUrl);
  const reason = "The product line is retired; no later versions will ship.";
  await page.getByLabel("Reason for withdrawing").fill("Too short");
  await page.getByRole("button", { name: "Withdraw attestation" }).click();
  await expect(page.getByText("Say why the attestation is withdrawn (at least 10 characters).")).toBeVisible();
  await expect(page.getByText("Confirm that you are withdrawing this attestation.")).toBeVisible();
  await page.getByLabel("Reason for withdrawing").fill(reason);
  await page.getByLabel(/I confirm that I am withdrawing this attestation/).check();
  await page.getByRole("button", { name: "Withdraw attestation" }).click();
  await expect(page.getByRole("heading", { name: /^Withdrawn by .+ on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T$/ })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(page.getByRole("button", { name: "Withdraw attestation" })).toHaveCount(0);

  await page.goto("/vendor/attestations");
  const row = page.getByRole("row").filter({ has: page.locator(`a[href="${attestationUrl}"]`) });
  await expect(row).toContainText(/Withdrawn\s*on \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} CES?T by /);
  await page.goto(`${attestationUrl}/verify`);
  await expect(page.getByText("The submission matches")).toBeVisible();
  await ctx.close();
});

test("typing survives a reload before autosave fires: the backup is offered, restored and saved", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("officer") });
  const page = await ctx.newPage();
  page.on("dialog", (d) => void d.accept()); // the "leave page?" prompt for unsaved changes
  await page.goto(productUrl);
  await page.getByRole("link", { name: "Start an attestation" }).click();
  await page.getByLabel("Catalog version").selectOption({ label: "Safe Deployment Principles 1.0" });
  await page.getByRole("button", { name: "Start attestation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForURL(/\/vendor\/attestations\/[0-9a-f-]{36}$/);

  // The tab goes away before any save reaches the server: no request gets out.
  await page.route("**/*", (route) => (route.request().method() === "POST" ? route.abort() : route.continue()));
  const text = `Typed just before the tab closed ${crypto.randomBytes(3).toString("hex")}.`;
  const card = page.locator('section[id^="control-"]').first();
  await card.getByLabel("Narrative").fill(text);
  await page.reload();
  await page.unrouteAll();

  const reloaded = page.locator('section[id^="control-"]').first();
  await expect(reloaded.getByText(/^Unsaved changes from .+ were found on this device\.$/)).toBeVisible();
  await expect(reloaded.getByLabel("Narrative")).toHaveValue("");
  await reloaded.getByRole("button", { name: "Restore" }).click();
  await expect(reloaded.getByLabel("Narrative")).toHaveValue(text);
  await expect(reloaded.getByText(/Saved at/)).toBeVisible();

  await page.reload();
  const again = page.locator('section[id^="control-"]').first();
  await expect(again.getByLabel("Narrative")).toHaveValue(text);
  await expect(again.getByText(/Unsaved changes from/)).toHaveCount(0);
  await ctx.close();
});

test("another vendor's officer gets not-found on every Aegis URL", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("bastion") });
  const page = await ctx.newPage();
  const evidenceId = evidenceUrl.split("/").pop();
  for (const url of [
    productUrl,
    `${productUrl}/edit`,
    attestationUrl,
    `${attestationUrl}/submit`,
    `${attestationUrl}/verify`,
    `${attestationUrl}/compare`,
    evidenceUrl,
  ]) {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 }), url).toHaveText("Not found");
  }
  const res = await ctx.request.get(`/api/evidence/${evidenceId}/download`);
  expect(res.status()).toBe(404);
  await ctx.close();
});

test("the owner's download is an attachment with a sandboxing policy", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("officer") });
  const res = await ctx.request.get(`/api/evidence/${evidenceUrl.split("/").pop()}/download`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res.headers()["content-security-policy"]).toBe("sandbox; default-src 'none'");
  await ctx.close();
});
