import { ACCOUNTS, expect, signIn, storageStateFor, test } from "./fixtures";

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

test("signing out ends the session", async ({ page }) => {
  await signIn(page, ACCOUNTS.auditor);
  await expect(page).toHaveURL(/\/review$/);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/review");
  await expect(page).toHaveURL(/\/login/);
});

test.describe("signed in", () => {
  test.use({ storageState: storageStateFor("officer") });
  test("the sign-in page sends a signed-in person to their start page", async ({ page }) => {
    await page.goto("/login");
    await expect(page).toHaveURL(/\/vendor$/);
  });
});
