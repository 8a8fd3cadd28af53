import type { Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";

test("health answers 200 with the database kind", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("ok");
  expect(["pglite", "postgres"]).toContain(body.database.kind);
  expect(body.database.ok).toBe(true);
  expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
});

for (const path of ["/login", "/api/health", "/admin"]) {
  test(`security headers on ${path}`, async ({ request }) => {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
    // Route handlers answer data, and the sign-in redirect of a signed-out page request has no body: nothing may
    // load from them (next.config.ts, the front door). Pages get the front door's nonce policy.
    const closed = path.startsWith("/api/") || res.status() === 307;
    if (path === "/admin") expect(res.status()).toBe(307);
    expect(h["content-security-policy"]).toContain(closed ? "default-src 'none'" : "default-src 'self'");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(h["x-powered-by"]).toBeUndefined();
  });
}

test("pages run under the content security policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/login");
  await page.getByLabel("Email address").fill("someone@example.com");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  expect(violations).toEqual([]);
});

/**
 * Records every securitypolicyviolation event of the page, including those a script catches itself (zod's
 * eval probe in a try/catch leaves no console message, but Chrome still records the violation, and
 * Lighthouse's best-practices "Issues" audit counts it), and the console errors (a missing icon is one).
 */
async function recordViolations(page: Page): Promise<{ events: () => Promise<string[]>; consoleErrors: string[] }> {
  const consoleErrors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(`${m.text()} ${m.location().url}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  return { events: () => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations), consoleErrors };
}

test("the sign-in form runs without any policy violation, even a caught one, and without console errors", async ({ page }) => {
  const seen = await recordViolations(page);
  await page.goto("/login");
  await page.getByLabel("Email address").fill("someone@example.com");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await page.waitForLoadState("networkidle");
  expect(await seen.events()).toEqual([]);
  expect(seen.consoleErrors).toEqual([]);
});

test("the portal has an icon: /favicon.ico answers an image and pages link it", async ({ page, request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/x-icon");
  expect((await res.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  await page.goto("/login");
  await expect(page.locator('head link[rel="icon"]').first()).toHaveAttribute("href", /^\/favicon\.ico/);
});

/** Collects Content-Security-Policy violations and script errors the page reports. */
function watch(page: Page): { violations: string[]; errors: string[] } {
  const seen = { violations: [] as string[], errors: [] as string[] };
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load)/i.test(m.text())) seen.violations.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  return seen;
}

/** React attaches its fiber to the DOM when it hydrates: the page's scripts ran. */
const hydrated = (page: Page) => page.evaluate(() => Object.keys(document.querySelector("main") ?? {}).some((k) => k.startsWith("__react")));

async function expectNotFoundRunsItsScripts(page: Page, path: string) {
  const seen = watch(page);
  const res = await page.goto(path);
  expect(res?.status()).toBe(404);
  expect(res?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect.poll(() => hydrated(page)).toBe(true);
  expect(seen.violations).toEqual([]);
  expect(seen.errors).toEqual([]);
}

// Paths the sign-in redirect skips (/api/, /_next/ and favicon*): their not-found page too.
for (const path of ["/api/no-such", "/_next/no-such", "/favicon-x"]) {
  test(`the not-found page at ${path} runs its scripts without policy violations`, async ({ page }) => {
    await expectNotFoundRunsItsScripts(page, path);
  });
}

test.describe("signed in", () => {
  test.use({ storageState: storageStateFor("officer") });

  test("the not-found page of an unknown page runs its scripts, and its link navigates in the page", async ({ page }) => {
    await expectNotFoundRunsItsScripts(page, "/no-such-page");
    await page.getByRole("link", { name: "Go to your start page" }).click();
    await expect(page).not.toHaveURL(/no-such-page/);
  });
});

test.describe("signed in as a vendor officer", () => {
  test.use({ storageState: storageStateFor("officer") });

  test("the attestation editor runs without any policy violation, even a caught one, and without console errors", async ({ page }) => {
    await page.goto("/vendor/attestations");
    const hrefs = await page.locator('a[href^="/vendor/attestations/"]').evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
    const editor = hrefs.find((h) => /^\/vendor\/attestations\/[0-9a-f-]{36}$/.test(h));
    expect(editor, "the officer has an attestation").toBeTruthy();
    const seen = await recordViolations(page);
    await page.goto(editor!);
    await expect.poll(() => hydrated(page)).toBe(true);
    await page.waitForLoadState("networkidle");
    expect(await seen.events()).toEqual([]);
    expect(seen.consoleErrors).toEqual([]);
  });
});

test("a malformed address answers 400 with the security headers", async ({ request }) => {
  for (const path of ["/reports/%ZZ", "/api/evidence/%E0%A4%A/download"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(res.headers()["x-frame-options"]).toBe("DENY");
    expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
  }
});
