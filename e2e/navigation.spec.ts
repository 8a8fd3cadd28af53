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
