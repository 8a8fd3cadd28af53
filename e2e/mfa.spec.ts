import { generate } from "otplib";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { clientAddressFor, expect, signIn, storageStateFor, test, uniqueName } from "./fixtures";

// Second factors as people meet them. One test switches the platform reviewers' policy on for
// a while: the policy applies from the next sign-in, so it touches no stored session, and no other
// test signs a reviewer in with the right password. Keep it that way (or give this its own project).

const PASSWORD = "quiet-lantern-orchard-51";

/** A code for the next 30-second step: the one the portal has not accepted yet (codes are never accepted twice). */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function createPerson(browser: Browser, org: string, role: string): Promise<{ email: string; name: string }> {
  const ctx = await browser.newContext({
    storageState: storageStateFor("admin"),
    extraHTTPHeaders: { "x-forwarded-for": clientAddressFor(`mfa-admin-${org}-${role}`) },
  });
  const page = await ctx.newPage();
  const name = uniqueName("Mfa Person");
  const email = `${name.split(" ").pop()}-mfa@example.org`;
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  const orgValue = await page.locator("#organisationId option", { hasText: org }).first().getAttribute("value");
  await page.getByLabel("Organisation").selectOption(orgValue!);
  await page.getByLabel("Role").selectOption(role);
  await page.getByRole("button", { name: "Create and get link" }).click();
  const link = await page.getByLabel("One-time password link").inputValue();
  await page.goto(link);
  await page.getByLabel("New password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Repeat the new password").fill(PASSWORD);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set.")).toBeVisible();
  await ctx.close();
  return { email, name };
}

async function freshPage(browser: Browser, seed: string, baseURL?: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": clientAddressFor(seed) },
    ...(baseURL ? { baseURL } : {}),
  });
  return { ctx, page: await ctx.newPage() };
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).first().click();
  await expect(page).toHaveURL(/\/login/);
}

/** Enrols an authenticator app from the security page; returns its secret and the recovery codes shown once. */
async function enrolTotp(page: Page): Promise<{ secret: string; codes: string[] }> {
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a second factor" }).click();
  await page.getByRole("button", { name: /Authenticator app/ }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
  await page.getByLabel("Code from the app").fill(await generate({ secret }));
  await page.getByRole("button", { name: "Confirm and turn on" }).click();
  const list = page.getByTestId("recovery-codes");
  await expect(list).toBeVisible();
  const codes = (await list.locator("li").allInnerTexts()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Authenticator app").first()).toBeVisible();
  return { secret, codes };
}

test("an authenticator app: enrol it, sign in with it, and use a recovery code once", async ({ browser }) => {
  test.setTimeout(120_000);
  const person = await createPerson(browser, "Aegis Endpoint Security", "vendor_contributor");
  const { ctx, page } = await freshPage(browser, "mfa-totp");
  await signIn(page, person.email, PASSWORD);
  await expect(page).toHaveURL(/\/vendor$/);
  const { secret, codes } = await enrolTotp(page);

  // The password alone is not enough any more.
  await signOut(page);
  await signIn(page, person.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/factor/);
  await page.goto("/vendor");
  await expect(page).toHaveURL(/\/login\/factor/);
  await page.getByLabel("Code from your authenticator app").fill("000000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/That code is not right/).first()).toBeVisible();
  await page.getByLabel("Code from your authenticator app").fill(await nextCode(secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/vendor$/);

  // A recovery code works once.
  await signOut(page);
  await signIn(page, person.email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!.toLowerCase());
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/vendor$/);
  await signOut(page);
  await signIn(page, person.email, PASSWORD);
  await page.getByRole("button", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[0]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/That recovery code is not one of yours, or it was already used/).first()).toBeVisible();
  await expect(page).toHaveURL(/\/login\/factor/);
  // The next one still works.
  await page.getByLabel("Recovery code").fill(codes[1]!);
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/vendor$/);

  // Guessing is throttled like passwords: after five wrong codes even the right one waits.
  await signOut(page);
  await signIn(page, person.email, PASSWORD);
  const field = page.getByLabel("Code from your authenticator app");
  for (let i = 0; i < 6 && !(await page.getByText(/Too many attempts/).isVisible()); i++) {
    await field.fill(String(100000 + i));
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByText(/That code is not right|Too many attempts/).first()).toBeVisible();
  }
  await expect(page.getByText(/Too many attempts\. Try again in \d+ seconds\./)).toBeVisible();
  await field.fill(await nextCode(secret));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(/Too many attempts/)).toBeVisible();
  await expect(page).toHaveURL(/\/login\/factor/);
  await ctx.close();
});

test("a passkey: enrol it with a virtual authenticator and sign in with it", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const person = await createPerson(browser, "Aegis Endpoint Security", "vendor_contributor");
  // WebAuthn needs a domain as relying party, not an IP address: this browser talks to localhost.
  const local = baseURL!.replace("127.0.0.1", "localhost");
  const { ctx, page } = await freshPage(browser, "mfa-passkey", local);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  await signIn(page, person.email, PASSWORD);
  await expect(page).toHaveURL(/\/vendor$/);
  await page.goto("/account/security");
  await page.getByRole("button", { name: "Add a second factor" }).click();
  await page.getByRole("button", { name: /Passkey or security key/ }).click();
  await page.getByLabel("Name for this passkey").fill("Test laptop");
  await page.getByRole("button", { name: "Register passkey" }).click();
  await expect(page.getByTestId("recovery-codes")).toBeVisible();
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("Test laptop")).toBeVisible();
  expect((await cdp.send("WebAuthn.getCredentials", { authenticatorId })).credentials).toHaveLength(1);

  await signOut(page);
  await signIn(page, person.email, PASSWORD);
  await expect(page).toHaveURL(/\/login\/factor/);
  await page.getByRole("button", { name: "Use a passkey or security key" }).click();
  await expect(page).toHaveURL(/\/vendor$/);
  await ctx.close();
});

test("signing a submission asks for the second factor again when this session has not given it recently", async ({ browser }) => {
  test.setTimeout(120_000);
  const person = await createPerson(browser, "Bastion Sensor Labs", "vendor_officer");
  // Session A opens before the factor exists (the demo policy leaves it optional): it never gave one.
  const a = await freshPage(browser, "mfa-stepup-a");
  await signIn(a.page, person.email, PASSWORD);
  await expect(a.page).toHaveURL(/\/vendor$/);
  // Session B sets up an authenticator app.
  const b = await freshPage(browser, "mfa-stepup-b");
  await signIn(b.page, person.email, PASSWORD);
  await expect(b.page).toHaveURL(/\/vendor$/);
  const { secret } = await enrolTotp(b.page);

  // Session A signs Bastion's complete draft: the portal asks for the factor first.
  await a.page.goto("/vendor/attestations");
  const row = a.page.getByRole("row").filter({ hasText: "1 Jul 2026 to 31 Dec 2026" });
  const href = await row.getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/vendor\/attestations\/[0-9a-f-]{36}$/);
  await a.page.goto(`${href}/submit`);
  await a.page.getByLabel("Your full name (typed signature)").fill(person.name);
  await a.page.getByLabel("Your title").fill("Head of compliance");
  await a.page.getByLabel(/I confirm the attestation statement/).check();
  await a.page.getByRole("button", { name: "Sign and submit" }).click();
  const dialog = a.page.getByRole("dialog", { name: "Confirm it is you" });
  await expect(dialog).toBeVisible();
  // Cancelling leaves the form as typed and nothing signed.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(a.page.getByText("Not done: this step needs your second factor.")).toBeVisible();
  await expect(a.page.getByLabel("Your title")).toHaveValue("Head of compliance");
  await a.page.getByRole("button", { name: "Sign and submit" }).click();
  await dialog.getByLabel("Code from your authenticator app").fill(await nextCode(secret));
  await dialog.getByRole("button", { name: "Continue" }).click();
  await expect(a.page.getByTestId("digest")).toHaveText(/^[0-9a-f]{64}$/);
  await a.ctx.close();
  await b.ctx.close();
});

test("a reviewer who must enrol can reach nothing until they have, then signs in with the factor", async ({ browser }) => {
  test.setTimeout(150_000);
  const admin = await browser.newContext({
    storageState: storageStateFor("admin"),
    extraHTTPHeaders: { "x-forwarded-for": clientAddressFor("mfa-policy-admin") },
  });
  const adminPage = await admin.newPage();
  const setReviewerPolicy = async (on: boolean) => {
    await adminPage.goto("/admin/security");
    const box = adminPage.getByLabel("Platform reviewer");
    if ((await box.isChecked()) !== on) await box.setChecked(on);
    await adminPage.getByRole("button", { name: "Save policy" }).click();
    await expect(
      adminPage
        .getByRole("status")
        .or(adminPage.getByText(/Saved\.|Nothing changed\./))
        .first(),
    ).toBeVisible();
  };
  const person = await createPerson(browser, "Contoso OS Platform", "platform_reviewer");
  await setReviewerPolicy(true);
  try {
    const { ctx, page } = await freshPage(browser, "mfa-enrol");
    await signIn(page, person.email, PASSWORD);
    await expect(page).toHaveURL(/\/login\/enrol/);
    await expect(page.getByRole("heading", { name: "Set up a second factor" })).toBeVisible();
    // Nothing else answers: pages send it back, route handlers refuse it.
    for (const path of ["/review", "/reports", "/account", "/account/security", "/notifications"]) {
      await page.goto(path);
      await expect(page, path).toHaveURL(/\/login\/enrol/);
    }
    const api = await page.request.get("/api/reports/export?format=json");
    expect(api.status()).toBe(401);

    await page.getByRole("button", { name: /Authenticator app/ }).click();
    const secret = (await page.getByTestId("totp-secret").innerText()).replace(/\s+/g, "");
    await page.getByLabel("Code from the app").fill(await generate({ secret }));
    await page.getByRole("button", { name: "Confirm and turn on" }).click();
    await expect(page.getByTestId("recovery-codes")).toBeVisible();
    await page.getByLabel("I have saved these codes").check();
    await page.getByRole("button", { name: "Continue to Ringfence" }).click();
    await expect(page).toHaveURL(/\/review$/);

    // A stolen password alone gets nowhere: a new browser is asked for the factor.
    const thief = await freshPage(browser, "mfa-thief");
    await signIn(thief.page, person.email, PASSWORD);
    await expect(thief.page).toHaveURL(/\/login\/factor/);
    await thief.page.goto("/review");
    await expect(thief.page).toHaveURL(/\/login\/factor/);
    expect((await thief.page.request.get("/api/reports/export?format=json")).status()).toBe(401);
    await thief.ctx.close();
    await ctx.close();
  } finally {
    await setReviewerPolicy(false);
    await admin.close();
  }
});
