import { expect, signIn, storageStateFor, test, uniqueName } from "./fixtures";

test.use({ storageState: storageStateFor("admin") });

test("organisation form rejects bad input beside the fields and keeps what was typed", async ({ page }) => {
  await page.goto("/admin/organisations/new");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("Enter the organisation's name (at least 2 characters).")).toBeVisible();
  await expect(page.getByText("Choose what kind of organisation this is.")).toBeVisible();

  const tooLong = "N".repeat(121);
  await page.getByLabel("Name").fill(tooLong);
  await page.getByLabel("Kind").selectOption("vendor");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("Use at most 120 characters.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(tooLong);
  await expect(page.getByLabel("Kind")).toHaveValue("vendor");

  const name = uniqueName("Delta Defence");
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page).toHaveURL(/\/admin\/organisations$/);
  await expect(page.getByRole("link", { name })).toBeVisible();

  // The server refuses a duplicate name even though the form itself is valid.
  await page.goto("/admin/organisations/new");
  await page.getByLabel("Name").fill(name.toUpperCase());
  await page.getByLabel("Kind").selectOption("vendor");
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByText("An organisation with this name already exists.")).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue(name.toUpperCase());
});

test("invite form rejects bad input, including a role that does not fit the organisation", async ({ page }) => {
  await page.goto("/admin/users/new");
  await page.getByRole("button", { name: "Create and get link" }).click();
  await expect(page.getByText("Enter the person's name.")).toBeVisible();
  await expect(page.getByText("Enter an email address.")).toBeVisible();
  await expect(page.getByText("Choose an organisation.")).toBeVisible();

  await page.getByLabel("Full name").fill("Pat Example");
  await page.getByLabel("Email address").fill("pat@example");
  await page.getByLabel("Organisation").selectOption({ label: "Aegis Endpoint Security (Security vendor)" });
  await page.getByLabel("Role").selectOption({ label: "Platform reviewer" });
  await page.getByRole("button", { name: "Create and get link" }).click();
  await expect(page.getByText("Enter a valid email address, like name@example.com.")).toBeVisible();
  await expect(page.getByText(/Platform reviewer does not fit a security vendor/)).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Pat Example");
  await expect(page.getByLabel("Email address")).toHaveValue("pat@example");

  await page.getByLabel("Email address").fill("officer@aegis.example");
  await page.getByLabel("Role").selectOption({ label: "Vendor contributor" });
  await page.getByRole("button", { name: "Create and get link" }).click();
  await expect(page.getByText("Someone with this email address already has an account.")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Pat Example");
});

test("an invited person sets a password; a role change and then deactivation end their open session", async ({ page, browser }) => {
  const name = uniqueName("Dana Newcomer");
  const email = `${name.split(" ").pop()}-dana@aegis.example`;
  await page.goto("/admin/users/new");
  await page.getByLabel("Full name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Organisation").selectOption({ label: "Aegis Endpoint Security (Security vendor)" });
  await page.getByLabel("Role").selectOption({ label: "Vendor contributor" });
  await page.getByRole("button", { name: "Create and get link" }).click();
  const link = await page.getByLabel("One-time password link").inputValue();
  expect(link).toMatch(/\/set-password\/[\w-]{20,}$/);

  const userContext = await browser.newContext({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: { "x-forwarded-for": "10.250.1.1" } });
  const user = await userContext.newPage();
  await user.goto(link);
  await user.getByLabel("New password", { exact: true }).fill("password1234");
  await user.getByLabel("Repeat the new password").fill("password1234");
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByText(/This password is too common/)).toBeVisible();
  const password = "violet-harbour-kettle-93";
  await user.getByLabel("New password", { exact: true }).fill(password);
  await user.getByLabel("Repeat the new password").fill(password);
  await user.getByRole("button", { name: "Set password" }).click();
  await expect(user.getByText("Your password is set.")).toBeVisible();

  // The link works once.
  await user.goto(link);
  await expect(user.getByRole("heading", { name: "This link cannot be used" })).toBeVisible();

  await signIn(user, email, password);
  await expect(user).toHaveURL(/\/vendor$/);

  // A role change ends the open session at the next request.
  await page.goto("/admin/users");
  await page.getByRole("link", { name }).click();
  // The list has a "Role" filter too: act only once the person's own page is showing.
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await page.getByLabel("Role").selectOption({ label: "Vendor compliance officer" });
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  await user.goto("/vendor");
  await expect(user).toHaveURL(/\/login/);

  await signIn(user, email, password);
  await expect(user).toHaveURL(/\/vendor$/);

  // Deactivation ends it too, and the person can no longer sign in.
  await page.getByRole("button", { name: "Deactivate account" }).click();
  await expect(page.getByRole("button", { name: "Reactivate account" })).toBeVisible();
  await user.goto("/vendor");
  await expect(user).toHaveURL(/\/login/);
  await signIn(user, email, password);
  await expect(user.getByText("The email address or password is not correct.")).toBeVisible();
  await userContext.close();
});
