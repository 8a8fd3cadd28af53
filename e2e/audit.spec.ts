import { clientAddressFor, DEMO_PASSWORD, ACCOUNTS, expect, storageStateFor, test, uniqueName } from "./fixtures";
import { request as playwrightRequest, type APIRequestContext } from "@playwright/test";

// The transparency log as people meet it: a journey's actions each leave exactly the events
// expected (failed sign-in, sign-in, a download, an API token made, used and revoked,
// sign-out), read back through the auditors' JSON export; the audit page, the verify page
// and the public checkpoint routes.

type Event = {
  seq: number;
  action: string;
  client: string | null;
  actor: { user: string | null; organisation: string | null; role: string | null };
  object: { type: string; id: string | null };
  detail: Record<string, unknown>;
};

async function asAdmin(baseURL: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    storageState: storageStateFor("admin"),
    extraHTTPHeaders: { "x-forwarded-for": clientAddressFor("audit-admin-reader") },
  });
}

async function eventsOf(admin: APIRequestContext, q: Record<string, string>): Promise<Event[]> {
  const res = await admin.get(`/api/audit/events?${new URLSearchParams({ limit: "1000", ...q })}`);
  expect(res.status()).toBe(200);
  return ((await res.json()) as { events: Event[] }).events;
}

test("a vendor officer's journey leaves exactly the expected events, with the client address and no personal data", async ({ page, baseURL }, testInfo) => {
  const client = clientAddressFor(`${testInfo.testId}:${testInfo.retry}`);
  const admin = await asAdmin(baseURL!);
  const [latest] = await eventsOf(admin, { limit: "1" });
  const after = String(latest?.seq ?? -1);

  // A wrong password, then the right one.
  await page.goto("/login");
  await page.getByLabel("Email address").fill(ACCOUNTS.officer);
  await page.getByLabel("Password", { exact: true }).fill("not-the-password-1!");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: /password/i })
      .first(),
  ).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/vendor$/);

  // A download of the seeded evidence file.
  await page.goto("/vendor/evidence");
  await page.getByRole("link", { name: "Release checklist (demo)" }).first().click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download", exact: true }).click()]);
  expect(await download.failure()).toBeNull();

  // An API token: created, used by a pipeline, revoked.
  const name = uniqueName("audit-journey");
  await page.goto("/vendor/rollouts/tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  const used = await page.request.get("/api/v1/rollouts", { headers: { authorization: `Bearer ${token}` } });
  expect(used.status()).toBe(200);
  await page.reload();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await row.getByRole("button", { name: `Revoke ${name}` }).click();
  await row.getByRole("button", { name: `Confirm: revoke ${name}` }).click();
  await expect(row).toContainText(/Revoked/);

  // Sign out.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  const events = await eventsOf(admin, { after, client });
  expect(events.map((e) => e.action)).toEqual([
    "auth.sign_in_failed",
    "auth.signed_in",
    "evidence.downloaded",
    "api_token.created",
    "api_token.used",
    "api_token.revoked",
    "auth.signed_out",
  ]);
  const officerId = events[1]!.actor.user!;
  expect(events[0]).toMatchObject({ actor: { user: null }, object: { type: "user", id: officerId }, detail: { reason: "wrong_password" } });
  expect(events[1]).toMatchObject({ actor: { role: "vendor_officer" }, object: { type: "user", id: officerId } });
  expect(events[4]).toMatchObject({ actor: { user: null, organisation: events[1]!.actor.organisation }, detail: { method: "GET", path: "/api/v1/rollouts" } });
  for (const e of events) expect(e.client).toBe(client);
  // People by id only: no e-mail address or name anywhere in the events.
  const text = JSON.stringify(events);
  expect(text).not.toContain("@aegis.example");
  expect(text).not.toContain("Olivia Officer");
  await admin.dispose();
});

test.describe("as an administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("browses and filters the audit log, and verifies it", async ({ page }) => {
    await page.goto("/audit");
    await expect(page.getByRole("heading", { name: "Audit log" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Events" }).getByRole("listitem").first()).toBeVisible();
    await page.getByLabel("Action").fill("report.");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/action=report\./);
    const items = page.getByRole("list", { name: "Events" }).getByRole("listitem");
    await expect(items.first()).toContainText("report.");
    await page.getByLabel("Person id").fill("not-an-id");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByText("This must be an id (a UUID).")).toBeVisible();
    await expect(page.getByLabel("Person id")).toHaveValue("not-an-id");

    await page.goto("/admin/log");
    await page.getByRole("button", { name: "Sign a checkpoint now" }).click();
    await page.getByRole("button", { name: "Verify the log now" }).click();
    await expect(page.getByRole("status").filter({ hasText: "The log verifies" })).toBeVisible({ timeout: 30_000 });
    await page.getByLabel(/Start from a checkpoint/).fill("not a checkpoint");
    await page.getByRole("button", { name: "Verify the log now" }).click();
    await expect(page.getByText("That checkpoint does not verify")).toBeVisible();
    await expect(page.getByLabel(/Start from a checkpoint/)).toHaveValue("not a checkpoint");
  });
});

test("anyone can fetch the signed checkpoint, the key and a consistency proof", async ({ request }) => {
  const key = (await (await request.get("/api/log/key")).text()).trim();
  expect(key).toMatch(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/=]+$/);
  const note = await (await request.get("/api/log/checkpoint")).text();
  expect(note).toMatch(/^[^\n]+\n\d+\n[A-Za-z0-9+/=]{44}\n\n\u2014 /);
  const list = (await (await request.get("/api/log/checkpoints")).json()) as { checkpoints: { treeSize: number; previousSize: number | null }[] };
  expect(list.checkpoints.length).toBeGreaterThan(0);
  const [newest] = list.checkpoints;
  const proof = await request.get(`/api/log/consistency?from=0&to=${newest!.treeSize}`);
  expect(proof.status()).toBe(200);
  expect((await request.get("/api/log/consistency?from=5&to=2")).status()).toBe(400);
});
