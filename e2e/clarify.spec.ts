import { expect, storageStateFor, test, uniqueName } from "./fixtures";
import type { Browser } from "@playwright/test";

// One journey on the seeded attestation in review (db/seed/review.ts): the demo reviewer and
// auditor sit on its panel; Aegis's officer answers and its contributor reads.
test.describe.configure({ mode: "serial" });

async function as(browser: Browser, who: "officer" | "contributor" | "reviewer" | "auditor", viewport = { width: 1280, height: 900 }) {
  const ctx = await browser.newContext({ storageState: storageStateFor(who), viewport });
  return { ctx, page: await ctx.newPage() };
}

let attestationPath = "";
const question = uniqueName("Which ring received the content update first?");
const answer = uniqueName("The internal ring, at 08:00 UTC, for four hours.");

test("the officer finds the attestation in review and its questions page", async ({ browser }) => {
  const { ctx, page } = await as(browser, "officer");
  await page.goto("/vendor/attestations");
  await page.getByRole("row").filter({ hasText: "1 Jul 2025 to 31 Dec 2025" }).getByRole("link").click();
  await expect(page.getByRole("link", { name: /^Questions from the review panel \(\d+ open\)$/ })).toBeVisible();
  attestationPath = new URL(page.url()).pathname;
  await ctx.close();
});

test("a panel member asks; the form keeps the text and says what is wrong beside the field", async ({ browser }) => {
  const id = attestationPath.split("/").pop()!;
  const { ctx, page } = await as(browser, "reviewer");
  await page.goto(`/review/${id}/clarifications`);
  await expect(page.getByRole("heading", { level: 1, name: "Questions to the vendor" })).toBeVisible();
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByText("Choose a control of this submission.")).toBeVisible();
  await expect(page.getByText("Write the question for the vendor.")).toBeVisible();

  await page.getByLabel("Control", { exact: true }).selectOption({ index: 1 });
  const box = page.getByLabel("Question for the vendor", { exact: true });
  await box.fill("x".repeat(4001));
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByText("Use at most 4,000 characters.")).toBeVisible();
  await expect(box).toHaveValue("x".repeat(4001));
  await expect(box).toHaveAttribute("aria-invalid", "true");

  await box.fill(question);
  await page.getByRole("button", { name: "Send question" }).click();
  await expect(page.getByText("Question sent. The vendor's compliance officers have been notified.")).toBeVisible();
  const thread = page.getByRole("article").filter({ hasText: question });
  await expect(thread.getByText("Waiting for the vendor", { exact: true })).toBeVisible();
  await ctx.close();
});

test("the officer answers on a phone-sized screen, attaching an item of the vault", async ({ browser }) => {
  const { ctx, page } = await as(browser, "officer", { width: 360, height: 740 });
  await page.goto(attestationPath);
  await page.getByRole("link", { name: /^Questions from the review panel/ }).click();
  const thread = page.getByRole("article").filter({ hasText: question });
  await thread.getByRole("button", { name: "Attach evidence from your vault" }).click();
  await thread.getByLabel(/^Find evidence to attach/).fill("Release checklist");
  await thread.getByRole("button", { name: "Attach Release checklist (demo)" }).click();
  await expect(thread.getByText("Attached: Release checklist (demo)")).toBeVisible();
  await thread.getByLabel("Your answer for the review panel").fill(answer);
  await thread.getByRole("button", { name: "Send answer" }).click();
  await expect(thread.getByText("Answered, waiting for the panel", { exact: true })).toBeVisible();
  await expect(thread.getByText(answer)).toBeVisible();
  await expect(thread.getByRole("link", { name: "Release checklist (demo)" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await ctx.close();
});

test("a contributor reads the questions but cannot answer", async ({ browser }) => {
  const { ctx, page } = await as(browser, "contributor");
  await page.goto(`${attestationPath}/questions`);
  await expect(page.getByText("Only a compliance officer of your organisation can answer them.")).toBeVisible();
  const thread = page.getByRole("article").filter({ hasText: question });
  await expect(thread.getByText(answer)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send answer" })).toHaveCount(0);
  await ctx.close();
});

test("another panel member sees the answer and its evidence, and resolves the question", async ({ browser }) => {
  const id = attestationPath.split("/").pop()!;
  const { ctx, page } = await as(browser, "auditor");
  await page.goto(`/review/${id}/clarifications`);
  const thread = page.getByRole("article").filter({ hasText: question });
  await expect(thread.getByText(answer)).toBeVisible();
  await expect(thread.getByText(/Attached evidence: Release checklist \(demo\), file version 1/)).toBeVisible();
  await thread.getByRole("button", { name: /^Mark question \d+ on .+ as resolved$/ }).click();
  await expect(thread.getByText("Resolved", { exact: true })).toBeVisible();
  await expect(thread.getByText(/^Resolved by Aaron Auditor on /)).toBeVisible();
  await expect(thread.getByRole("button", { name: /as resolved$/ })).toHaveCount(0);
  await ctx.close();
});
