import path from "node:path";
import type { Page } from "@playwright/test";
import { ACCOUNTS, expect, signIn, test, type AccountKey } from "../e2e/fixtures";

/**
 * Each screen at laptop and phone width, full page (cut at MAX_HEIGHT so a
 * long phone page stays a reasonable file), into docs/screenshots/<name>-<size>.png.
 * Every screen is reached the way a person reaches it: sign in, follow links.
 */
const OUT = path.resolve("docs/screenshots");
const MAX_HEIGHT = 2400;
const SIZES = [
  { name: "laptop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 812 },
] as const;

/** The href of the first link on `page` whose path matches `pattern` (and, if given, whose text does). */
async function firstLink(page: Page, pattern: RegExp, text?: RegExp): Promise<string> {
  const links = page.getByRole("main").getByRole("link", text ? { name: text } : undefined);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.find((h) => pattern.test(h));
  expect(href, `a link matching ${pattern} on ${page.url()}`).toBeTruthy();
  return href!;
}

const SCREENS: { name: string; as: AccountKey; open: (page: Page) => Promise<string> }[] = [
  {
    // The demo officer's draft (db/seed/vendor-work.ts): the attestation whose row says Draft.
    name: "attestation-editor",
    as: "officer",
    open: async (page) => {
      await page.goto("/vendor/attestations");
      const row = page
        .getByRole("row")
        .filter({ has: page.getByRole("cell", { name: "Draft", exact: true }) })
        .first();
      const href = await row.getByRole("link").first().getAttribute("href");
      expect(href, "the officer's draft attestation").toMatch(/^\/vendor\/attestations\/[0-9a-f-]{36}$/);
      return href!;
    },
  },
  { name: "evidence-vault", as: "officer", open: async () => "/vendor/evidence" },
  {
    name: "rollout-record",
    as: "officer",
    open: async (page) => {
      await page.goto("/vendor/rollouts");
      return firstLink(page, /^\/vendor\/rollouts\/[0-9a-f-]{36}$/);
    },
  },
  // The reviewer's queue: reviews under way, then finished ones.
  { name: "review-queue", as: "reviewer", open: async () => "/review" },
  {
    // The Aegis attestation in review, which the demo reviewer leads (db/seed/reviews.ts).
    name: "review",
    as: "reviewer",
    open: async (page) => {
      await page.goto("/review");
      const item = page.getByRole("main").getByRole("listitem").filter({ hasText: "Aegis" }).filter({ hasText: "In review" }).first();
      const href = await item.getByRole("link").first().getAttribute("href");
      expect(href, "the reviewer's Aegis attestation in review").toMatch(/^\/review\/[0-9a-f-]{36}$/);
      return href!;
    },
  },
  { name: "admin", as: "admin", open: async () => "/admin" },
];

for (const screen of SCREENS) {
  test(`${screen.name} (${screen.as})`, async ({ page }) => {
    // Two sizes of a long page, on a machine that may be busy building.
    test.setTimeout(180_000);
    await signIn(page, ACCOUNTS[screen.as]);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    const url = await screen.open(page);
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height });
      const res = await page.goto(url);
      expect(res?.status(), `${url} loads`).toBeLessThan(400);
      await page.waitForLoadState("networkidle");
      // Charts animate in; let them settle.
      await page.waitForTimeout(800);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      await page.screenshot({
        path: path.join(OUT, `${screen.name}-${size.name}.png`),
        fullPage: true,
        clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_HEIGHT) },
        animations: "disabled",
        caret: "hide",
      });
    }
  });
}
