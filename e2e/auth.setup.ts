import { ACCOUNTS, expect, signIn, storageStateFor, test, type AccountKey } from "./fixtures";

// Signs each demo role in once and keeps the session for the other tests.
for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
  test(`sign in as ${key}`, async ({ page }) => {
    await signIn(page, ACCOUNTS[key]);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
