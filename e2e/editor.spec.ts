import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test, uniqueName } from "./fixtures";

// Issue 14, acceptance 2: on a phone, an officer takes a new attestation from empty to
// submitted moving only with the control list and the "Next gap" key; the check page
// shows every gap at once.

const phone = { width: 375, height: 812 };

/** The id of the field that has focus, or of the group (the evidence fieldset) it sits in. */
async function focusedField(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement;
    return el?.id || el?.closest("[id]")?.id || "";
  });
}

test("an officer answers an attestation from empty to submitted on a phone with the control list and the next-gap key", async ({ browser }) => {
  test.setTimeout(600_000); // about 2 minutes on an idle machine: every gap is fixed and saved one by one
  const ctx = await browser.newContext({ storageState: storageStateFor("officer"), viewport: phone, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const tag = crypto.randomBytes(4).toString("hex");
  const product = uniqueName("Phone Sensor");

  await page.goto("/vendor/products/new");
  await page.getByLabel("Product name").fill(product);
  await page.getByLabel("Platforms").fill("Windows");
  await page.getByLabel("Content updates (detection logic, configuration)").check();
  await page.getByLabel("Usual cadence of content updates").fill("weekly");
  await page.getByRole("button", { name: "Register product" }).click();
  await expect(page.getByRole("heading", { level: 1, name: product })).toBeVisible();

  // One piece of evidence in the vault to link to the must controls.
  const evidenceTitle = `Ring plan ${tag}`;
  await page.goto("/vendor/evidence/new");
  await page
    .getByLabel("Choose files to upload")
    .setInputFiles({ name: `ring-plan-${tag}.txt`, mimeType: "text/plain", buffer: Buffer.from(`rings and bake times ${tag}\n`) });
  await expect(page.getByRole("list", { name: "Uploads" }).getByText(/^Uploaded/)).toHaveCount(1);
  await page.getByText(`Edit the details of ring-plan-${tag}.txt`).click();
  const details = page.getByRole("form", { name: `Details of ring-plan-${tag}.txt` });
  await details.getByLabel("Title").fill(evidenceTitle);
  await details.getByRole("button", { name: "Save details" }).click();
  await expect(details.getByText("Details saved.")).toBeVisible();

  await page.goto("/vendor/products");
  await page.getByRole("link", { name: product }).click();
  await page.getByRole("link", { name: "Start an attestation" }).click();
  await page.getByLabel("Catalog version").selectOption({ label: "Safe Deployment Principles 1.0" });
  await page.getByRole("button", { name: "Start attestation" }).click();
  await page.waitForURL(/\/vendor\/attestations\/[0-9a-f-]{36}$/);
  const attestationUrl = new URL(page.url()).pathname;

  // The editor fits the phone: no sideways scrolling of the page.
  const progress = page.getByTestId("progress");
  await expect(progress).toContainText("0 of");
  expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);

  // The control list is one button away and takes you to any control.
  const nav = page.getByRole("navigation", { name: "Controls" });
  await expect(nav).toBeHidden();
  await page.getByRole("button", { name: /^Control 1 of \d+: show the list of controls$/ }).click();
  await expect(nav).toBeVisible();
  const total = await nav.getByRole("link").count();
  expect(total).toBeGreaterThan(3);
  await nav.getByRole("link").nth(2).click();
  await expect(nav).toBeHidden();
  await expect(page.getByRole("button", { name: `Control 3 of ${total}: show the list of controls` })).toBeVisible();
  await expect(page).toHaveURL(/\?control=/);

  // The check page lists every gap at once; the editor counts the same number.
  const gapsText = (await progress.textContent()) ?? "";
  const gapCount = Number(/(\d+) gaps? to fix/.exec(gapsText)?.[1]);
  expect(gapCount).toBeGreaterThan(total - 1);
  await page.goto(`${attestationUrl}/submit`);
  await expect(page.getByText(new RegExp(`^${gapCount} gaps in ${total} controls must be fixed`))).toBeVisible();
  await page.goto(attestationUrl);

  // Only "Next gap": it focuses the field that fixes the gap; fix it, wait for the save, go on.
  const nextGap = page.getByRole("button", { name: "Next gap" });
  let steps = 0;
  for (; steps < 6 * total; steps++) {
    await nextGap.click();
    if (/No gaps/.test((await progress.textContent()) ?? "")) break;
    const field = await focusedField(page);
    const card = page.locator('section[id^="control-"]:visible');
    await expect(card).toHaveCount(1);
    if (field.endsWith("-status")) {
      await page.locator(`[id="${field}"]`).selectOption("implemented");
      await page.locator(`[id="${field}"]`).blur();
    } else if (field.endsWith("-narrative")) {
      await page.locator(`[id="${field}"]`).fill(`Shipped in rings with health gates; records kept (${tag}).`);
      await page.locator(`[id="${field}"]`).blur();
    } else if (field.endsWith("-evidence")) {
      await card.getByRole("button", { name: /^Link evidence to / }).click();
      await card.getByLabel(/^Find evidence to link to /).fill(tag);
      await card.getByRole("button", { name: `Link ${evidenceTitle}`, exact: true }).click();
      await expect(card.getByText(/Evidence saved \(1 linked\)/)).toBeVisible();
    } else {
      throw new Error(`Next gap focused an unexpected field: "${field}"`);
    }
    // Once saved, the gap leaves the control's "Still missing" list (it follows saves, not typing).
    await expect(page.locator(`a[href="#${field}"]`)).toHaveCount(0, { timeout: 15_000 });
  }
  await expect(progress).toContainText("No gaps");
  await expect(progress).toContainText(`${total} of ${total} controls answered`);
  // Each gap took one step (choosing a status can reveal what that status requires, e.g. a narrative).
  expect(steps).toBeGreaterThanOrEqual(gapCount);

  await page.goto(`${attestationUrl}/submit`);
  await expect(page.getByText("Nothing is missing")).toBeVisible();
  await page.getByLabel("Your full name (typed signature)").fill("Olivia Officer");
  await page.getByLabel("Your title").fill("Chief Information Security Officer");
  await page.getByLabel(/I confirm the attestation statement/).check();
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByTestId("digest")).toHaveText(/^[0-9a-f]{64}$/);
  await page.goto(attestationUrl);
  await expect(page.getByText(/^Submitted by Olivia Officer/)).toBeVisible();
  await ctx.close();
});
