import { ACCOUNTS, expect, signIn, storageStateFor, test, type AccountKey } from "./fixtures";

// Signs each demo role in once and keeps the session for the other tests.
for (const key of Object.keys(ACCOUNTS) as AccountKey[]) {
  test(`sign in as ${key}`, async ({ page }) => {
    await signIn(page, ACCOUNTS[key]);
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    // Saved sessions carry the reader's zone, so no test starts on a page that is about to re-render in it.
    await expect.poll(async () => (await page.context().cookies()).some((c) => c.name === "tz")).toBe(true);
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
