import { expect, storageStateFor, test, type AccountKey } from "./fixtures";

const EXPECTED: Record<Exclude<AccountKey, "bastion" | "auditor2" | "cobalt">, { landing: string; heading: RegExp; nav: string[] }> = {
  officer: {
    landing: "/vendor",
    heading: /Aegis Endpoint Security workspace/,
    nav: ["Workspace", "Products", "Attestations", "Evidence", "Rollouts", "Catalog", "Account"],
  },
  contributor: {
    landing: "/vendor",
    heading: /Aegis Endpoint Security workspace/,
    nav: ["Workspace", "Products", "Attestations", "Evidence", "Rollouts", "Catalog", "Account"],
  },
  reviewer: { landing: "/review", heading: /Reviews/, nav: ["Reviews", "Reports", "Catalog", "Account"] },
  auditor: { landing: "/review", heading: /Reviews/, nav: ["Reviews", "Reports", "Catalog", "Audit log", "Account"] },
  observer: { landing: "/reports", heading: /Published reports/, nav: ["Reports", "Catalog", "Account"] },
  admin: {
    landing: "/admin",
    heading: /Administration/,
    nav: ["Reports", "Catalog", "Administration", "Catalog editor", "Organisations", "People", "Review panels", "Audit log", "Account"],
  },
};

for (const [key, want] of Object.entries(EXPECTED) as [keyof typeof EXPECTED, (typeof EXPECTED)["admin"]][]) {
  test.describe(`${key}`, () => {
    test.use({ storageState: storageStateFor(key) });

    test("lands on their start page and sees only their navigation", async ({ page }) => {
      await page.goto("/");
      await expect(page).toHaveURL(new RegExp(`${want.landing}$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(want.heading);
      const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
      await expect(links).toHaveText(want.nav);
    });
  });
}

test("the shell works on a 360 px wide phone screen", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("admin"), viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  // Nothing forces the page wider than the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await context.close();
});

test("the skip link and navigation work from the keyboard", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("observer") });
  const page = await context.newPage();
  await page.goto("/reports");
  // Let the streamed page finish and hydrate, so focus is not reset under the keyboard.
  await expect(page.getByRole("heading", { level: 1, name: "Published reports" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Reports", exact: true })).toBeFocused();
  await context.close();
});

test("a navigation link shows that its page is on the way, and the page arrives whole", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("officer") });
  const page = await context.newPage();
  await page.goto("/vendor");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForLoadState("networkidle");
  // Hold the next page's payload back until the link has been seen pending.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route(
    (url) => url.pathname === "/vendor/evidence",
    async (route) => {
      if (route.request().headers()["rsc"]) await held;
      await route.continue();
    },
  );
  const link = page.getByRole("navigation").getByRole("link", { name: "Evidence", exact: true });
  await link.click();
  await expect(link.locator("[data-pending]")).toBeVisible();
  release();
  await expect(page).toHaveURL(/\/vendor\/evidence$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Evidence vault");
  await expect(link.locator("[data-pending]")).toHaveCount(0);
  await context.close();
});

test("a portal page's content is in the first HTML, not streamed behind a placeholder", async ({ browser, baseURL }) => {
  const context = await browser.newContext({ storageState: storageStateFor("officer") });
  const res = await context.request.get(`${baseURL}/vendor/evidence`);
  expect(res.status()).toBe(200);
  const html = await res.text();
  // The heading comes before any script that would swap streamed content in.
  const heading = html.search(/<h1[^>]*>[^<]*Evidence/);
  expect(heading).toBeGreaterThan(-1);
  // Streamed content arrives in a hidden segment after the placeholder (<div hidden id="S:…">).
  expect(html.slice(0, heading)).not.toMatch(/<div hidden id="S:/);
  expect(html).not.toContain("Loading…");
  await context.close();
});
