import type { Browser, BrowserContext, Page } from "@playwright/test";
import { clientAddressFor, expect, signIn, storageStateFor, test, uniqueName } from "./fixtures";

// Each test creates its own person through the admin UI, so ending their sessions touches no stored demo session.
test.use({ storageState: storageStateFor("admin") });

const IPHONE_SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const PASSWORD = "amber-lantern-quarry-58";

/** A fresh vendor contributor with a password, created by the administrator on `admin`; returns their person page and e-mail. */
async function createPerson(admin: Page, browser: Browser, prefix: string): Promise<{ email: string; userPage: string }> {
  const name = uniqueName(prefix);
  const email = `${name.split(" ").pop()}-${prefix.toLowerCase().replace(/\W+/g, "-")}@aegis.example`;
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Full name").fill(name);
  await admin.getByLabel("Email address").fill(email);
  await admin.getByLabel("Organisation").selectOption({ label: "Aegis Endpoint Security (Security vendor)" });
  await admin.getByLabel("Role").selectOption({ label: "Vendor contributor" });
  await admin.getByRole("button", { name: "Create and get link" }).click();
  const link = await admin.getByLabel("One-time password link").inputValue();
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": clientAddressFor(`${email}:set-password`) },
  });
  const page = await context.newPage();
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set.")).toBeVisible();
  await context.close();
  await admin.goto("/admin/users");
  await admin.getByRole("link", { name }).click();
  await expect(admin.getByRole("heading", { level: 1, name })).toBeVisible();
  return { email, userPage: admin.url() };
}

/** A browser of its own (own cookies, own address), signed in as `email`. */
async function browserFor(
  browser: Browser,
  email: string,
  seed: string,
  userAgent?: string,
): Promise<{ context: BrowserContext; page: Page; address: string }> {
  const address = clientAddressFor(seed);
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": address },
    ...(userAgent ? { userAgent } : {}),
  });
  const page = await context.newPage();
  await signIn(page, email, PASSWORD);
  await expect(page).toHaveURL(/\/vendor$/);
  return { context, page, address };
}

const sessionRow = (page: Page, text: string | RegExp) => page.getByRole("list", { name: "Sessions" }).getByRole("listitem").filter({ hasText: text });

test("a person sees their sessions, ends another browser's, and that browser's cookie is useless at its next request", async ({ page, browser }, testInfo) => {
  const { email } = await createPerson(page, browser, "Sam Sessions");
  const a = await browserFor(browser, email, `${testInfo.testId}:a`);
  const b = await browserFor(browser, email, `${testInfo.testId}:b`, IPHONE_SAFARI);

  // B was a browser this account had not used: A is told, with the device and address.
  await a.page.goto("/notifications");
  const notice = a.page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: "New sign-in to your account" });
  await expect(notice).toHaveCount(1);
  await expect(notice).toContainText(`Safari on iOS, from ${b.address}`);

  await a.page.goto("/account");
  await a.page.getByRole("link", { name: "Your sessions" }).click();
  await expect(a.page.getByRole("heading", { level: 1, name: "Your sessions" })).toBeVisible();
  await expect(a.page.getByText("2 live sessions")).toBeVisible();
  const mine = sessionRow(a.page, "This device");
  await expect(mine).toContainText("Chrome on Windows");
  await expect(mine).toContainText(a.address);
  await expect(mine).toContainText("Password");
  const theirs = sessionRow(a.page, b.address);
  await expect(theirs).toContainText("Safari on iOS");
  await expect(theirs).not.toContainText("This device");

  await theirs.getByRole("button", { name: "End session" }).click();
  await expect(sessionRow(a.page, b.address)).toHaveCount(0);
  await expect(a.page.getByText("1 live session")).toBeVisible();
  await expect(a.page.getByText("This is your only session.")).toBeVisible();

  // B's next request finds its session ended; A is unaffected.
  await b.page.goto("/vendor");
  await expect(b.page).toHaveURL(/\/login/);
  await a.page.goto("/vendor");
  await expect(a.page).toHaveURL(/\/vendor$/);

  // B signs in again from the same browser, now a known device: no second notice.
  await signIn(b.page, email, PASSWORD);
  await expect(b.page).toHaveURL(/\/vendor$/);
  await a.page.goto("/notifications");
  await expect(a.page.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: "New sign-in to your account" })).toHaveCount(1);

  // "End all other sessions" ends B again and keeps A; ending A's own session signs A out.
  await a.page.goto("/account/sessions");
  await a.page.getByRole("button", { name: "End all other sessions" }).click();
  await expect(a.page.getByText("Ended 1 other session.")).toBeVisible();
  await b.page.goto("/vendor");
  await expect(b.page).toHaveURL(/\/login/);
  await sessionRow(a.page, "This device").getByRole("button", { name: "End session" }).click();
  await expect(a.page).toHaveURL(/\/login/);
  await a.page.goto("/vendor");
  await expect(a.page).toHaveURL(/\/login/);
  await a.context.close();
  await b.context.close();
});

test("an administrator ends all of a person's sessions; each browser lands on sign-in and the person is told", async ({ page, browser }, testInfo) => {
  const { email, userPage } = await createPerson(page, browser, "Kim Everywhere");
  const a = await browserFor(browser, email, `${testInfo.testId}:a`);
  const b = await browserFor(browser, email, `${testInfo.testId}:b`);

  await page.goto(userPage);
  await expect(page.getByText("2 live sessions.")).toBeVisible();
  await page.getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByText("Ended 2 sessions. The person has been told.")).toBeVisible();
  await expect(page.getByText("No live sessions.")).toBeVisible();
  await expect(page.getByRole("button", { name: "End all sessions" })).toBeDisabled();

  for (const p of [a.page, b.page]) {
    await p.goto("/vendor");
    await expect(p).toHaveURL(/\/login/);
  }
  await signIn(a.page, email, PASSWORD);
  await expect(a.page).toHaveURL(/\/vendor$/);
  await a.page.goto("/notifications");
  await expect(a.page.getByRole("heading", { name: "An administrator ended your sessions" })).toBeVisible();
  await a.context.close();
  await b.context.close();
});
