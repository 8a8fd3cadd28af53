import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test, type AccountKey } from "./fixtures";
import { navFor } from "../lib/auth/navigation";
import type { Role } from "../lib/auth/roles";

/**
 * Accessibility: an axe scan (WCAG 2.0–2.2 A/AA and best practice) of every
 * page in each demo role's main navigation plus /account, at laptop and phone
 * widths. The officer's scan adds the rollout form, the API tokens page, two attestations and a
 * rollout record (the chart), which the navigation does not reach directly.
 *
 * Asserted: no serious or critical violation on any of them, and no script error
 * on any of them (a hydration mismatch makes React re-render the page and drop
 * what the reader has chosen). Findings of lesser impact are attached to the
 * report as "minor-axe-findings".
 */
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

const ROLES: Record<string, Role> = {
  officer: "vendor_officer",
  contributor: "vendor_contributor",
  reviewer: "platform_reviewer",
  auditor: "gov_auditor",
  observer: "gov_observer",
  admin: "admin",
};
const VIEWPORTS = [
  { name: "laptop", width: 1280, height: 800 },
  { name: "phone", width: 375, height: 812 },
];

type Finding = { page: string; rule: string; impact: string; count: number; help: string };
const serious = (f: Finding) => f.impact === "serious" || f.impact === "critical";

async function scan(page: Page, path: string): Promise<Finding[]> {
  const res = await page.goto(path);
  expect(res?.status(), `${path} loads`).toBeLessThan(400);
  await expect(page.getByRole("navigation", { name: "Main" }), `${path} is signed in`).toBeVisible();
  await page.waitForLoadState("networkidle");
  const results = await new AxeBuilder({ page })
    .options({ rules: { "target-size": { enabled: true } } })
    .withTags(TAGS)
    .analyze();
  return results.violations.map((v) => ({ page: path, rule: v.id, impact: v.impact ?? "", count: v.nodes.length, help: v.help }));
}

/** The href of the first rollout record on the officer's list, to scan the chart. */
async function firstRolloutRecord(page: Page): Promise<string | null> {
  await page.goto("/vendor/rollouts");
  const href = await page
    .locator('a[href^="/vendor/rollouts/"]')
    .filter({ hasText: /./ })
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "").find((h) => /^\/vendor\/rollouts\/[0-9a-f-]{36}$/.test(h)) ?? null);
  return href;
}

/** Up to two attestations on the officer's list (the demo has drafts and submitted ones), to scan the editor and the read-only view. */
async function someAttestations(page: Page): Promise<string[]> {
  await page.goto("/vendor/attestations");
  const hrefs = await page.locator('a[href^="/vendor/attestations/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  return [...new Set(hrefs.filter((h) => /^\/vendor\/attestations\/[0-9a-f-]{36}$/.test(h)))].slice(0, 2);
}

for (const [key, role] of Object.entries(ROLES)) {
  for (const vp of VIEWPORTS) {
    test.describe(`${key} at ${vp.width}×${vp.height}`, () => {
      test.use({ storageState: storageStateFor(key as AccountKey), viewport: { width: vp.width, height: vp.height } });

      test(`${key}: axe finds no serious or critical violation (${vp.name})`, async ({ page }, testInfo) => {
        test.setTimeout(180_000);
        const paths = [...new Set([...navFor(role).map((i) => i.href), "/account"])];
        if (key === "officer") {
          paths.push("/vendor/rollouts/new", "/vendor/rollouts/tokens");
          const record = await firstRolloutRecord(page);
          if (record) paths.push(record);
          paths.push(...(await someAttestations(page)));
        }
        const findings: Finding[] = [];
        const scriptErrors: string[] = [];
        let current = "";
        page.on("pageerror", (e) => scriptErrors.push(`${current}: ${e.message.slice(0, 200)}`));
        for (const path of paths) {
          current = path;
          findings.push(...(await scan(page, path)));
        }
        expect(scriptErrors, "pages that threw in the browser").toEqual([]);

        const minor = findings.filter((f) => !serious(f));
        if (minor.length) await testInfo.attach("minor-axe-findings", { body: JSON.stringify(minor, null, 2), contentType: "application/json" });
        expect(findings.filter(serious)).toEqual([]);
      });
    });
  }
}

/** Relative luminance and contrast ratio (WCAG 2.x) of two CSS rgb() colours. */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

test.describe("focus ring", () => {
  test.use({ storageState: storageStateFor("officer") });

  test("keyboard focus in the dark header and on the white page has at least 3:1 contrast", async ({ page }) => {
    await page.goto("/vendor/rollouts");
    const header = page.locator("header");
    const headerBg = await header.evaluate((el) => getComputedStyle(el).backgroundColor);

    // Tab from the top: skip link, home link, then the first navigation link.
    const navLink = page.getByRole("navigation", { name: "Main" }).getByRole("link").first();
    for (let i = 0; i < 10 && !(await navLink.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("Tab");
    await expect(navLink).toBeFocused();
    const navRing = await navLink.evaluate((el) => ({
      style: getComputedStyle(el).outlineStyle,
      color: getComputedStyle(el).outlineColor,
      width: parseFloat(getComputedStyle(el).outlineWidth),
    }));
    expect(navRing.style).toBe("solid");
    expect(navRing.width).toBeGreaterThanOrEqual(2);
    expect(contrast(navRing.color, headerBg)).toBeGreaterThanOrEqual(3);

    // A scrolling table region on the white page: a rollout record's rings at phone width, where the
    // table overflows (a ScrollRegion is a focusable region only then).
    const record = await firstRolloutRecord(page);
    expect(record, "a rollout record to open").toBeTruthy();
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(record!);
    const region = page.getByRole("region", { name: "Rings in order" });
    await region.focus();
    const pageRing = await region.evaluate((el) => getComputedStyle(el).outlineColor);
    expect(contrast(pageRing, "rgb(255, 255, 255)")).toBeGreaterThanOrEqual(3);
  });

  test("a wide table is a keyboard stop and a named region only while it overflows", async ({ page }) => {
    const record = await firstRolloutRecord(page);
    expect(record, "a rollout record to open").toBeTruthy();
    const rings = page.getByRole("table", { name: /Rings in order/ });
    const region = page.getByRole("region", { name: "Rings in order" });

    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(record!);
    await expect(region).toHaveAttribute("tabindex", "0");
    await expect(region.locator("xpath=../..").getByText(/Scroll sideways for more/)).toBeVisible();
    await region.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

    // Wide enough for the whole table: no region, no Tab stop, no hint; it becomes one again on narrowing.
    await page.setViewportSize({ width: 1600, height: 900 });
    await expect(rings).toBeVisible();
    await expect(region).toHaveCount(0);
    await expect(page.locator("[data-overflows]").filter({ has: rings })).toHaveCount(0);
    await expect(rings.locator("xpath=ancestor::*[@tabindex='0']")).toHaveCount(0);
    await page.setViewportSize({ width: 375, height: 812 });
    await expect(region).toHaveAttribute("tabindex", "0");
  });

  test("checkboxes on the rollout form and the tokens page are at least 24 × 24 px", async ({ page }) => {
    for (const path of ["/vendor/rollouts/new", "/vendor/rollouts/tokens"]) {
      await page.goto(path);
      const boxes = page.locator('input[type="checkbox"], input[type="radio"]');
      expect(await boxes.count()).toBeGreaterThan(0);
      for (const box of await boxes.all()) {
        const size = await box.boundingBox();
        expect(size?.width ?? 0).toBeGreaterThanOrEqual(24);
        expect(size?.height ?? 0).toBeGreaterThanOrEqual(24);
      }
    }
  });
});
