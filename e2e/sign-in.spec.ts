import crypto from "node:crypto";
import { ACCOUNTS, DEMO_PASSWORD, expect, signIn, storageStateFor, test, uniqueName } from "./fixtures";

test("a wrong password shows an error and keeps the email typed", async ({ page }) => {
  await signIn(page, ACCOUNTS.reviewer, "not-the-right-password");
  await expect(page.getByText("The email address or password is not correct.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(ACCOUNTS.reviewer);
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page).toHaveURL(/\/login/);
});

test("empty fields are reported beside the fields", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter an email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveAttribute("aria-invalid", "true");
});

test("the sixth rapid wrong password is throttled", async ({ page }) => {
  // An unknown account takes the same path as a real one; it keeps demo accounts usable by other tests.
  const email = `nobody-${Date.now()}@example.com`;
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("Password", { exact: true }).fill(`wrong-password-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByText("The email address or password is not correct.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password", { exact: true }).fill("wrong-password-6");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many attempts\. Try again in \d+ seconds\./)).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveValue(email);
});

test("after sign-in, people return to the page they asked for", async ({ page }) => {
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login\?next=%2Fadmin%2Fusers/);
  await page.getByLabel("Email address").fill(ACCOUNTS.admin);
  await page.getByLabel("Password", { exact: true }).fill("Ringfence-demo-2026!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/users$/);
});

test("a next parameter that browsers would read as another site stays on the portal", async ({ page, baseURL }) => {
  await page.goto("/login?next=%2F%09%2Fevil.example");
  await page.getByLabel("Email address").fill(ACCOUNTS.observer);
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/reports$/);
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("signing out ends the session on the server: a copied cookie no longer works", async ({ page, browser, baseURL }) => {
  await signIn(page, ACCOUNTS.auditor);
  await expect(page).toHaveURL(/\/review$/);
  const cookies = await page.context().cookies();
  const session = cookies.filter((c) => c.name.endsWith("authjs.session-token"));
  expect(session).toHaveLength(1);
  // Sign-in also marks this browser as a known device of the account.
  const device = cookies.find((c) => c.name === "ringfence-device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  // The copied cookie works before sign-out...
  const copy = await browser.newContext({ baseURL, storageState: { cookies: session, origins: [] } });
  const copyPage = await copy.newPage();
  await copyPage.goto("/review");
  await expect(copyPage).toHaveURL(/\/review$/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/login/);

  // ...and not after: pages send it to sign-in, the API answers 401.
  const fresh = await browser.newContext({ baseURL, storageState: { cookies: session, origins: [] } });
  const freshPage = await fresh.newPage();
  await freshPage.goto("/review");
  await expect(freshPage).toHaveURL(/\/login/);
  const download = await fresh.request.get(`/api/evidence/${crypto.randomUUID()}/download`, { maxRedirects: 0 });
  expect(download.status()).toBe(401);
  await copyPage.goto("/review");
  await expect(copyPage).toHaveURL(/\/login/);
  await Promise.all([copy.close(), fresh.close()]);
});

test.describe("signed in", () => {
  test.use({ storageState: storageStateFor("officer") });
  test("the sign-in page sends a signed-in person to their start page", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveURL(/\/vendor$/);
  });
});

test.describe("known devices", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a browser that signed in before gets in while strangers' failures lock the account", async ({ page, browser, baseURL }) => {
    // A person of our own, so locking the account touches no other test.
    const name = uniqueName("Kim Known");
    const email = `${name.split(" ").pop()}-kim@aegis.example`;
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill(name);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Organisation").selectOption({ label: "Aegis Endpoint Security (Security vendor)" });
    await page.getByLabel("Role").selectOption({ label: "Vendor contributor" });
    await page.getByRole("button", { name: "Create and get link" }).click();
    const link = await page.getByLabel("One-time password link").inputValue();

    const password = "lantern-orchard-copper-47";
    const owner = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "10.251.0.1" } });
    const ownerPage = await owner.newPage();
    await ownerPage.goto(link);
    await ownerPage.getByLabel("New password", { exact: true }).fill(password);
    await ownerPage.getByLabel("Repeat the new password").fill(password);
    await ownerPage.getByRole("button", { name: "Set password" }).click();
    await expect(ownerPage.getByText("Your password is set.")).toBeVisible();
    await signIn(ownerPage, email, password);
    await expect(ownerPage).toHaveURL(/\/vendor$/);
    await ownerPage.getByRole("button", { name: "Sign out" }).click();
    await expect(ownerPage).toHaveURL(/\/login/);

    // Strangers, each from its own address, lock the account.
    for (let i = 1; i <= 5; i++) {
      const stranger = await browser.newContext({
        baseURL,
        storageState: { cookies: [], origins: [] },
        extraHTTPHeaders: { "x-forwarded-for": `10.251.1.${i}` },
      });
      const p = await stranger.newPage();
      await signIn(p, email, `wrong-password-${i}`);
      await expect(p.getByText("The email address or password is not correct.")).toBeVisible();
      await stranger.close();
    }
    const late = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "10.251.2.1" } });
    const latePage = await late.newPage();
    await signIn(latePage, email, password);
    await expect(latePage.getByText(/Too many attempts\. Try again in \d+ seconds\./)).toBeVisible();
    await late.close();

    // The owner's browser still gets in.
    await signIn(ownerPage, email, password);
    await expect(ownerPage).toHaveURL(/\/vendor$/);
    await owner.close();
  });
});
