import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, storageStateFor, test, uniqueName } from "./fixtures";

/**
 * The shared list conventions (issue 14 item 8): search, filters, order and page
 * live in the address; headings sort; pages keep the search; an empty search says
 * so and keeps what was typed; on a phone the lists stack and the page never
 * scrolls sideways. Each test makes its own uniquely tagged rows.
 */

const tag = () => crypto.randomBytes(4).toString("hex");
const param = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

async function searchFor(page: Page, text: string, button = "Search") {
  await page.getByRole("searchbox", { name: "Search" }).fill(text);
  await page.getByRole("button", { name: button, exact: true }).click();
  await page.waitForURL((u) => u.searchParams.get("q") === text);
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.describe("as the officer", () => {
  test.use({ storageState: storageStateFor("officer") });

  test("the evidence vault: search, the next page keeps the search, a heading sorts, a nonsense search says nothing matches", async ({ page }) => {
    test.setTimeout(120_000);
    const t = tag();
    await page.goto("/vendor/evidence/new");
    const files = Array.from({ length: 26 }, (_, i) => ({
      name: `vaultlist-${t}-${String(i).padStart(2, "0")}.txt`,
      mimeType: "text/plain",
      buffer: Buffer.from(`list test ${t} item ${i}\n`),
    }));
    await page.getByLabel("Choose files to upload").setInputFiles(files);
    await expect(page.getByRole("list", { name: "Uploads" }).getByText(/^Uploaded/)).toHaveCount(26, { timeout: 60_000 });

    await page.goto("/vendor/evidence");
    await searchFor(page, t, "Show matching evidence");
    await expect(page.getByText("Showing 1–25 of 26 items.")).toBeVisible();
    const pages = page.getByRole("navigation", { name: "Pages of evidence" });
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(page.getByText("Showing 26–26 of 26 items.")).toBeVisible();
    expect(param(page, "q")).toBe(t);
    expect(param(page, "page")).toBe("2");
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(t);

    // Sorting by title starts again at page 1, keeps the search, and says so on the heading.
    const table = page.getByRole("table", { name: "Evidence items" });
    await table.getByRole("link", { name: "Title", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Title", exact: true })).toHaveAttribute("aria-sort", "ascending");
    expect([param(page, "sort"), param(page, "dir"), param(page, "q"), param(page, "page")]).toEqual(["title", "asc", t, null]);
    await expect(table.getByRole("row").nth(1).getByRole("link").first()).toHaveText(`vaultlist ${t} 00`);
    await table.getByRole("link", { name: "Title", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Title", exact: true })).toHaveAttribute("aria-sort", "descending");
    await expect(table.getByRole("row").nth(1).getByRole("link").first()).toHaveText(`vaultlist ${t} 25`);
    // The next page keeps the order too.
    await pages.getByRole("link", { name: "Next page" }).click();
    await expect(table.getByRole("row").nth(1).getByRole("link").first()).toHaveText(`vaultlist ${t} 00`);
    expect(param(page, "sort")).toBe("title");

    const nonsense = `zzqx-${t}-nothing`;
    await searchFor(page, nonsense, "Show matching evidence");
    await expect(page.getByText(`No evidence matches “${nonsense}”`, { exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(nonsense);
    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page).toHaveURL(/\/vendor\/evidence$/);
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
  });

  test("the rollout list: search, filter, page and sort records sent through the API", async ({ page }) => {
    test.setTimeout(120_000);
    const t = tag();
    await page.goto("/vendor/rollouts/tokens");
    await page.getByLabel("Token name").fill(uniqueName("lists"));
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByLabel("New API token").inputValue();
    await page.goto("/vendor/rollouts/new");
    const productId = await page.getByLabel("Product").locator("option", { hasText: "Aegis Sensor" }).getAttribute("value");
    for (let i = 0; i < 26; i++) {
      // Released in 2019, so they sort after the demo's and other tests' records and leave the list's first page to them.
      const at = (m: number) => new Date(Date.parse("2019-10-01T06:00:00Z") + (i * 600 + m) * 60_000).toISOString();
      const record = {
        releaseId: `rollist-${t}-${String(i).padStart(2, "0")}`,
        version: `7.0.${i}`,
        channel: "content",
        kernelMode: false,
        releasedAt: at(0),
        rings: [
          {
            name: "Canary",
            sharePct: 1,
            startedAt: at(0),
            promotedAt: at(120),
            gate: { metric: "crash_rate", comparator: "<", threshold: 0.1, observed: 0.01, unit: "%", baseline: 0.01, evaluatedAt: at(110) },
          },
          { name: "Everyone", sharePct: 100, startedAt: at(120), promotedAt: null, gate: null },
        ],
        events: [],
        customerControl: { ringOptIn: true, nMinusOnePinning: true, delayHours: null },
        tests: [],
      };
      const res = await page.request.post("/api/v1/rollouts", {
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        data: { productId, record },
      });
      expect(res.status(), await res.text()).toBe(201);
    }

    await page.goto("/vendor/rollouts");
    await searchFor(page, t);
    await expect(page.getByText("Showing 1–25 of 26 records.")).toBeVisible();
    await page.getByLabel("Product").selectOption({ label: "Aegis Sensor" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("product") === productId);
    await expect(page.getByText("Showing 1–25 of 26 records.")).toBeVisible();

    const table = page.getByRole("table", { name: "Rollout records" });
    // Newest release first by default.
    await expect(table.getByRole("columnheader", { name: "Released", exact: true })).toHaveAttribute("aria-sort", "descending");
    await expect(table.getByRole("row").nth(1).getByRole("link")).toHaveText(`rollist-${t}-25`);
    await table.getByRole("link", { name: "Release", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Release", exact: true })).toHaveAttribute("aria-sort", "ascending");
    await expect(table.getByRole("row").nth(1).getByRole("link")).toHaveText(`rollist-${t}-00`);
    await page.getByRole("navigation", { name: "Pages of rollout records" }).getByRole("link", { name: "Next page" }).click();
    await expect(page.getByText("Showing 26–26 of 26 records.")).toBeVisible();
    await expect(table.getByRole("row").nth(1).getByRole("link")).toHaveText(`rollist-${t}-25`);
    expect([param(page, "q"), param(page, "product"), param(page, "sort"), param(page, "page")]).toEqual([t, productId, "release", "2"]);
    await expect(page.getByLabel("Product")).toHaveValue(productId!);

    const nonsense = `zzqx ${t} nothing`;
    await searchFor(page, nonsense);
    await expect(page.getByText(`No rollout record matches “${nonsense}” with these filters`, { exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(nonsense);
    // The order survives a new search.
    expect(param(page, "sort")).toBe("release");
  });

  test("on a 375 × 812 phone the lists stack as cards and the page never scrolls sideways", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("officer"), viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    for (const [path, list] of [
      ["/vendor/rollouts", "Rollout records"],
      ["/vendor/evidence", "Evidence items"],
      ["/vendor/attestations", "Attestations"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByRole("list", { name: list })).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await noSidewaysScroll(page);
      // No card is taller than a few lines.
      const tallest = await page
        .getByRole("list", { name: list })
        .getByRole("listitem")
        .evaluateAll((items) => Math.max(...items.map((i) => i.getBoundingClientRect().height)));
      expect(tallest, `${path}: tallest card`).toBeLessThan(200);
    }
    // Sorting on a phone: the headings are gone, the sort links are above the cards.
    await page.goto("/vendor/rollouts");
    await page.getByRole("navigation", { name: "Sort the list" }).getByRole("link", { name: "Product", exact: true }).click();
    await expect(page).toHaveURL(/sort=product&dir=asc/);
    await noSidewaysScroll(page);
    await context.close();
  });
});

test.describe("as the administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("people: search by name, filter by role, sort, and an empty search keeps what was typed", async ({ page }) => {
    await page.goto("/admin/users");
    await searchFor(page, "Olivia Officer");
    const table = page.getByRole("table", { name: "People" });
    await expect(table.getByRole("link", { name: "Olivia Officer" })).toBeVisible();
    await expect(page.getByText("Showing 1–1 of 1 person.")).toBeVisible();

    await page.getByRole("link", { name: "Clear" }).click();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue("");
    await page.getByLabel("Role").selectOption({ label: "Vendor compliance officer" });
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get("role") === "vendor_officer");
    const roles = await table.getByRole("row").locator("td:nth-child(4)").allTextContents();
    expect(roles.length).toBeGreaterThanOrEqual(3);
    expect(new Set(roles)).toEqual(new Set(["Vendor compliance officer"]));

    await table.getByRole("link", { name: "Name", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "ascending");
    expect(param(page, "role")).toBe("vendor_officer");
    const names = await table.getByRole("row").locator("td:first-child").allTextContents();
    await table.getByRole("link", { name: "Name", exact: true }).click();
    await expect(table.getByRole("columnheader", { name: "Name", exact: true })).toHaveAttribute("aria-sort", "descending");
    expect(await table.getByRole("row").locator("td:first-child").allTextContents()).toEqual([...names].reverse());

    const nonsense = "zzqx-nobody-by-this-name";
    await searchFor(page, nonsense);
    await expect(page.getByText(`Nobody matches “${nonsense}” with these filters`, { exact: true })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveValue(nonsense);
    await expect(page.getByLabel("Role")).toHaveValue("vendor_officer");
  });

  test("people on a 375 × 812 phone: cards, and no sideways scrolling", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("admin"), viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await page.goto("/admin/users?q=officer");
    await expect(page.getByRole("list", { name: "People" }).getByRole("link", { name: "Olivia Officer" })).toBeVisible();
    await noSidewaysScroll(page);
    await context.close();
  });
});
