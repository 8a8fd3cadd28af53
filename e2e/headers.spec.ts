import { expect, test } from "./fixtures";

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
    // Route handlers answer data: nothing may load from them (next.config.ts); pages get the proxy's nonce policy.
    expect(h["content-security-policy"]).toContain(path.startsWith("/api/") ? "default-src 'none'" : "default-src 'self'");
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
