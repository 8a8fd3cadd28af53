import { expect, storageStateFor, test } from "./fixtures";

// The demo data gives every demo person the review seed told nothing three notifications (db/seed/notifications.ts):
// the review seed tells observers nothing, so the observer has exactly those three, and only this file reads or changes them.
test.describe("notification centre", () => {
  test.use({ storageState: storageStateFor("observer") });

  test("shows the unread count, marks one read, opens one, marks all read; another person cannot open them", async ({ page, browser }) => {
    await page.goto("/notifications");
    const header = page.getByRole("banner");
    await expect(header.getByRole("link", { name: "Notifications (3 unread)" })).toHaveText("Notifications (3)");
    const list = page.getByRole("list", { name: "Notifications" });
    const item = (title: string) => list.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) });
    // Newest first, each unread.
    await expect(list.getByRole("heading", { level: 2 })).toHaveText(["The control catalog", "Check your account details", "Welcome to Ringfence"]);
    await expect(list.getByText("Unread", { exact: true })).toHaveCount(3);

    // Someone else opening the observer's notification is told it was not found, and changes nothing.
    const href = await item("Welcome to Ringfence").getByRole("link").getAttribute("href");
    expect(href).toMatch(/^\/notifications\/[0-9a-f-]{36}\/open$/);
    const other = await browser.newContext({ storageState: storageStateFor("auditor") });
    const otherPage = await other.newPage();
    await otherPage.goto(href!);
    await expect(otherPage).toHaveURL(/\/notifications\?missing=1$/);
    await expect(otherPage.getByText("That notification was not found.")).toBeVisible();
    await other.close();
    await page.reload();
    await expect(header.getByRole("link", { name: "Notifications (3 unread)" })).toBeVisible();

    await item("Check your account details")
      .getByRole("button", { name: /^Mark read/ })
      .click();
    await expect(header.getByRole("link", { name: "Notifications (2 unread)" })).toHaveText("Notifications (2)");
    await expect(item("Check your account details").getByText("Unread", { exact: true })).toHaveCount(0);

    // Opening a notification marks it read and goes to the page it is about.
    await item("The control catalog").getByRole("link", { name: "The control catalog" }).click();
    await expect(page).toHaveURL(/\/catalog$/);
    await expect(page.getByRole("banner").getByRole("link", { name: "Notifications (1 unread)" })).toBeVisible();

    await page
      .getByRole("banner")
      .getByRole("link", { name: /^Notifications/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    await page.getByRole("button", { name: "Mark all read" }).click();
    await expect(page.getByRole("banner").getByRole("link", { name: "Notifications (none unread)" })).toHaveText("Notifications");
    await expect(page.getByRole("button", { name: "Mark all read" })).toHaveCount(0);
    await expect(list.getByText("Unread", { exact: true })).toHaveCount(0);
  });
});

test("the notifications link is in the header on a phone and on a laptop", async ({ browser }) => {
  for (const viewport of [
    { width: 360, height: 740 },
    { width: 1366, height: 768 },
  ]) {
    const context = await browser.newContext({ storageState: storageStateFor("auditor"), viewport });
    const page = await context.newPage();
    await page.goto("/reports");
    const link = page.getByRole("banner").getByRole("link", { name: /^Notifications \((\d+|none) unread\)$/ });
    await expect(link).toBeVisible();
    await expect(link).toBeInViewport();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  }
});

test.describe("email outbox", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("administrators read the outbox and filter it by status", async ({ page }) => {
    await page.goto("/admin");
    await page.getByRole("link", { name: "Read the outbox" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Email outbox" })).toBeVisible();
    // The test server sends through a real SMTP sink (scripts/e2e-server.mjs): the demo data's emails go out.
    await expect(page.getByText(/Every email the portal has queued/)).toBeVisible();
    await page.getByLabel("Status").selectOption("sent");
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(/\/admin\/outbox\?status=sent$/);
    await expect(page.getByLabel("Status")).toHaveValue("sent");
    await expect(page.getByText(/You have been placed on a review panel/).first()).toBeVisible();
  });
});
