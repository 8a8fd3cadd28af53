import type { Page } from "@playwright/test";
import { expect, storageStateFor, test, uniqueName } from "./fixtures";

// What a person types or chooses while the page is still loading its scripts must not be lost.
// react-hook-form writes each field's default value into the control when it registers it, so
// input made before hydration was silently replaced (a role change was saved as the old role).
// These tests hold the page's scripts back, act on the page meanwhile, then let them load.

/** Holds every script chunk (not the stylesheets: those would stop the page from rendering at all) until the returned function is called. */
async function holdScripts(page: Page): Promise<() => void> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const isScript = (url: URL) => url.pathname.startsWith("/_next/static/chunks/") && url.pathname.endsWith(".js");
  await page.route(isScript, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test.describe("admin", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("a form's controls wait for the page to be ready, and nothing chosen in the meantime is lost", async ({ page }) => {
    const release = await holdScripts(page);
    await page.goto("/admin/users/new", { waitUntil: "domcontentloaded" });
    const name = page.getByLabel("Full name");
    const role = page.getByLabel("Role");
    // Server-rendered, not yet hydrated: the controls are there but cannot take input yet.
    await expect(name).toBeVisible();
    await expect.soft(name).toBeDisabled();
    await expect.soft(role).toBeDisabled();
    await expect.soft(page.getByRole("button", { name: "Create and get link" })).toBeDisabled();

    // The person starts acting now; the scripts arrive a moment later.
    const person = uniqueName("Early Typist");
    const typing = (async () => {
      await name.fill(person);
      await page.getByLabel("Email address").fill(`${person.split(" ").pop()}-early@aegis.example`);
      await page.getByLabel("Organisation").selectOption({ label: "Aegis Endpoint Security (Security vendor)" });
      await role.selectOption({ label: "Vendor compliance officer" });
    })();
    await page.waitForTimeout(1_000);
    release();
    await typing;

    await page.getByRole("button", { name: "Create and get link" }).click();
    await expect(page.getByLabel("One-time password link")).toBeVisible();
    await page.goto("/admin/users");
    await page.getByRole("link", { name: person }).click();
    await expect(page.getByRole("heading", { level: 1, name: person })).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue(person);
    await expect(page.getByLabel("Role")).toHaveValue("vendor_officer");
  });
});

test.describe("officer", () => {
  test.use({ storageState: storageStateFor("officer") });

  test("an answer typed into the editor before it is ready is kept and saved", async ({ page }) => {
    const product = uniqueName("Early Sensor");
    await page.goto("/vendor/products/new");
    await page.getByLabel("Product name").fill(product);
    await page.getByLabel("Platforms").fill("Windows");
    await page.getByLabel("Content updates (detection logic, configuration)").check();
    await page.getByLabel("Usual cadence of content updates").fill("weekly");
    await page.getByRole("button", { name: "Register product" }).click();
    await page.getByRole("link", { name: "Start an attestation" }).click();
    await page.getByLabel("Catalog version").selectOption({ label: "Safe Deployment Principles 1.0" });
    await page.getByRole("button", { name: "Start attestation" }).click();
    await page.waitForURL(/\/vendor\/attestations\/[0-9a-f-]{36}$/);
    const url = page.url();

    const release = await holdScripts(page);
    await page.goto(url, { waitUntil: "domcontentloaded" });
    const narrative = page.getByLabel(/^Narrative/).first();
    await expect(narrative).toBeVisible();
    const text = "Typed while the editor was still loading.";
    const typing = narrative.fill(text);
    await page.waitForTimeout(1_000);
    release();
    await typing;
    await expect(narrative).toHaveValue(text);
    await narrative.blur();
    await expect(page.getByText(/Saved at/).first()).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(/^Narrative/).first()).toHaveValue(text);
  });
});

test.describe("reviewer", () => {
  test.use({ storageState: storageStateFor("reviewer") });

  test("a reconciliation section opened before the page is ready shows its forms once it is", async ({ page }) => {
    await page.goto("/review");
    const item = page.getByRole("listitem").filter({ hasText: "Reconciliation" }).filter({ hasText: "Bastion EDR" }).first();
    const href = await item.getByRole("link").first().getAttribute("href");
    expect(href).toMatch(/^\/review\/[0-9a-f-]{36}$/);

    const release = await holdScripts(page);
    await page.goto(`${href}/reconcile`, { waitUntil: "domcontentloaded" });
    // A control without a flag starts closed; its forms are not in the page until it is opened.
    const section = page.locator('details[id^="c-"]:not([open])').first();
    await expect(section).toBeVisible();
    const id = await section.getAttribute("id");
    const opened = page.locator(`details[id="${id}"]`);
    await opened.locator("summary").click();
    await expect(opened).toHaveAttribute("open", "");
    await expect(opened.getByLabel("Comment for the panel")).toHaveCount(0);
    release();
    await expect(opened.getByLabel("Comment for the panel")).toBeEnabled();
    // Closed and opened again, it keeps what was typed.
    await opened.getByLabel("Comment for the panel").fill("Typed, then the section was closed.");
    await opened.locator("summary").click();
    await opened.locator("summary").click();
    await expect(opened.getByLabel("Comment for the panel")).toHaveValue("Typed, then the section was closed.");
  });
});
