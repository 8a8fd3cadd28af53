import crypto from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { expect, storageStateFor, test, uniqueName } from "./fixtures";
import { startOidcServer, type OidcServer } from "./helpers/oidc-server";

// Single sign-on against a real OpenID provider (oidc-provider) on its own port. One new
// government organisation per run; the tests build on each other, so they run in order.
test.describe.configure({ mode: "serial" });

const IDP_PORT = Number(process.env.E2E_OIDC_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const tag = crypto.randomBytes(3).toString("hex");
const domain = `sso-${tag}.example`;
const orgName = uniqueName("SSO Agency");
const providerName = `Agency Login ${tag}`;
const clientSecret = `secret-${crypto.randomBytes(12).toString("hex")}`;
const accounts = {
  nora: { email: `nora-${tag}@${domain}`, email_verified: true, name: "Nora Northwind", groups: ["staff", "auditors"] },
  outsider: { email: `olly-${tag}@elsewhere-${tag}.example`, email_verified: true, name: "Olly Outsider" },
  late: { email: `late-${tag}@${domain}`, email_verified: true, name: "Lara Late" },
};

let idp: OidcServer | null = null;
let orgId = "";

test.use({ storageState: storageStateFor("admin") });
test.afterAll(async () => idp?.close());

async function anonymousPage(browser: Browser, seed: string): Promise<Page> {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "x-forwarded-for": `10.251.${seed.length}.${crypto.randomInt(1, 254)}` },
  });
  return context.newPage();
}

/** From the login page through the provider's own sign-in form and back. */
async function signInThroughIdp(page: Page, login: keyof typeof accounts) {
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${providerName}` }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${IDP_PORT}/`));
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("an administrator registers the organisation's provider; the form keeps what was typed on error", async ({ page }) => {
  await page.goto("/admin/organisations/new");
  await page.getByLabel("Name").fill(orgName);
  await page.getByLabel("Kind").selectOption({ label: "Government agency" });
  await page.getByRole("button", { name: "Create organisation" }).click();
  await page.getByRole("link", { name: orgName }).click();
  await page.waitForURL(/\/admin\/organisations\/[0-9a-f-]{36}$/);
  orgId = /\/admin\/organisations\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? "";
  expect(orgId).not.toBe("");

  const sso = page.getByRole("form", { name: "Single sign-on provider" });
  await sso.getByLabel("Name on the sign-in button").fill(providerName);
  await sso.getByLabel("Issuer URL").fill("http://login.example.org");
  await sso.getByLabel("Client id").fill("ringfence-e2e");
  await sso.getByLabel("Client secret").fill(clientSecret);
  await sso.getByLabel("Allowed e-mail domains").fill(`${domain}\nexample@bad`);
  await sso.getByLabel("Default role").selectOption({ label: "Government observer" });
  await sso.getByLabel("Role claim (optional)").fill("groups");
  await sso.getByLabel("Role mapping (optional)").fill("auditors = Government auditor");
  await sso.getByLabel("Create people on their first sign-in").check();
  await sso.getByRole("button", { name: "Register provider" }).click();
  await expect(sso.getByText(/plain http is allowed only for 127\.0\.0\.1/)).toBeVisible();
  await expect(sso.getByText(/“example@bad” is not a domain name/)).toBeVisible();
  await expect(sso.getByLabel("Issuer URL")).toHaveAttribute("aria-invalid", "true");
  await expect(sso.getByLabel("Client id")).toHaveValue("ringfence-e2e");

  await sso.getByLabel("Issuer URL").fill(`http://127.0.0.1:${IDP_PORT}`);
  await sso.getByLabel("Allowed e-mail domains").fill(domain);
  await sso.getByRole("button", { name: "Register provider" }).click();
  await expect(page.getByText("Provider registered.")).toBeVisible();
  const redirectUri = (await page.getByTestId("sso-redirect-uri").textContent())?.trim() ?? "";
  expect(redirectUri).toMatch(/\/api\/auth\/callback\/sso-[0-9a-f-]{36}$/);
  // The secret is write-only: never sent back to the browser.
  await page.reload();
  await expect(page.getByLabel("Client secret")).toHaveValue("");
  expect(await page.content()).not.toContain(clientSecret);

  idp = await startOidcServer({ port: IDP_PORT, clientId: "ringfence-e2e", clientSecret, redirectUri, accounts });
});

test("first sign-in creates the person with the mapped role", async ({ browser }) => {
  const page = await anonymousPage(browser, "first");
  await signInThroughIdp(page, "nora");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  // The landing page may still be redirecting to the role's start page: a navigation started now can be aborted by it.
  await expect(async () => {
    await page.goto("/account");
  }).toPass({ timeout: 15_000 });
  await expect(page.getByText(`Nora Northwind · ${accounts.nora.email} · Government auditor at ${orgName}`)).toBeVisible();
  await page.context().close();
});

test("a second sign-in finds the same person", async ({ browser, page: admin }) => {
  const page = await anonymousPage(browser, "second");
  await signInThroughIdp(page, "nora");
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  await page.context().close();
  await admin.goto(`/admin/users?org=${orgId}`);
  await expect(admin.getByRole("row").filter({ hasText: accounts.nora.email })).toHaveCount(1);
});

test("an address outside the allowed domains is refused with the reason", async ({ browser }) => {
  const page = await anonymousPage(browser, "outsider");
  await signInThroughIdp(page, "outsider");
  await expect(page).toHaveURL(/\/login\?error=sso_domain_not_allowed/);
  await expect(page.getByText("Your e-mail address is not in a domain this organisation allows for Ringfence.", { exact: false })).toBeVisible();
  await page.context().close();
});

test("with password sign-in off, the organisation's people are sent to its sign-in button", async ({ browser, page: admin }) => {
  const name = uniqueName("Pat Password");
  const email = `pat-${tag}@${domain}`;
  await admin.goto("/admin/users/new");
  await admin.getByLabel("Full name").fill(name);
  await admin.getByLabel("Email address").fill(email);
  await admin.getByLabel("Organisation").selectOption({ label: `${orgName} (Government agency)` });
  await admin.getByLabel("Role").selectOption({ label: "Government observer" });
  await admin.getByRole("button", { name: "Create and get link" }).click();
  const link = await admin.getByLabel("One-time password link").inputValue();
  const page = await anonymousPage(browser, "password");
  await page.goto(link);
  const password = `violet-harbour-${tag}-93`;
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByText("Your password is set.")).toBeVisible();

  await admin.goto(`/admin/organisations/${orgId}`);
  await admin.getByLabel("Password sign-in allowed").uncheck();
  await admin.getByRole("button", { name: "Save password setting" }).click();
  await expect(admin.getByText("Password sign-in is off")).toBeVisible();

  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(/Your organisation signs in to Ringfence through its own sign-in service, not with a password/)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  await page.context().close();
});

test("after the administrator disables the provider, sign-in through it is refused, even one already under way", async ({ browser, page: admin }) => {
  const page = await anonymousPage(browser, "disabled");
  await page.goto("/login");
  await page.getByRole("button", { name: `Sign in with ${providerName}` }).click();
  await page.getByPlaceholder("Enter any login").fill("late");
  await page.getByPlaceholder("and password").fill("any-password");

  await admin.goto(`/admin/organisations/${orgId}`);
  const sso = admin.getByRole("form", { name: "Single sign-on provider" });
  await sso.getByLabel("Enabled").uncheck();
  await sso.getByRole("button", { name: "Save single sign-on settings" }).click();
  await expect(admin.getByText("Single sign-on settings saved.")).toBeVisible();

  await page.getByRole("button", { name: "Sign-in" }).click();
  await expect(page).toHaveURL(/\/login\?error=sso_provider_disabled/);
  await expect(page.getByText("This organisation's single sign-on is switched off.", { exact: false })).toBeVisible();
  // And the button is gone.
  await expect(page.getByRole("button", { name: `Sign in with ${providerName}` })).toHaveCount(0);
  await page.context().close();
});
