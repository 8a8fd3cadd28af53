import { expect, storageStateFor, test, uniqueName } from "./fixtures";
import { formatDate } from "../lib/format";

test.use({ storageState: storageStateFor("officer") });

const HEADER =
  "type,releaseId,version,channel,kernelMode,releasedAt,fleetSize,ringOptIn,nMinusOnePinning,delayHours,notes,name,sharePct,devices,startedAt,promotedAt,gateSignal,gateThreshold,gateObserved,gatePassed,eventKind,at,reason,testKind,passed,evidenceUrl";
const COLUMNS = HEADER.split(",");
const row = (cells: Record<string, string>) => COLUMNS.map((c) => cells[c] ?? "").join(",");

test("an officer records a rollout with the form, ring by ring, and sees its timeline and findings", async ({ page }) => {
  const release = uniqueName("content-form").replace(" ", "-");
  await page.goto("/vendor/rollouts/new");
  await page.getByLabel("Product").selectOption({ label: "Aegis Sensor" });
  await page.getByLabel("Release identifier").fill(release);
  await page.getByLabel("Version", { exact: true }).fill("2025.05.01.1");
  await page.getByLabel("Release time", { exact: true }).fill("2025-05-01T08:00");
  await page.getByLabel("Release time: UTC offset").selectOption("+02:00");

  const ring1 = page.getByRole("group", { name: "Ring 1", exact: true });
  await ring1.getByLabel("Name", { exact: true }).fill("Canary");
  await ring1.getByLabel("Fleet share (%)").fill("1");
  await ring1.getByLabel("Started", { exact: true }).fill("2025-05-01T08:00");
  await ring1.getByLabel("Started: UTC offset").selectOption("+02:00");
  await ring1.getByLabel("Promoted to next ring", { exact: true }).fill("2025-05-01T10:00");
  await ring1.getByLabel("Promoted to next ring: UTC offset").selectOption("+02:00");
  await ring1.getByLabel("This ring had a health gate").check();
  await ring1.getByLabel("Gate metric").selectOption("crash_rate");
  await ring1.getByLabel("Threshold").fill("0.1");
  await ring1.getByLabel("Observed (optional)").fill("0.02");
  await ring1.getByLabel("Gate evaluated at", { exact: true }).fill("2025-05-01T09:50");
  await ring1.getByLabel("Gate evaluated at: UTC offset").selectOption("+02:00");

  await page.getByRole("button", { name: "Add ring" }).click();
  const ring2 = page.getByRole("group", { name: "Ring 2", exact: true });
  await ring2.getByLabel("Name", { exact: true }).fill("Broad");
  // Validation runs as the user types, beside the field.
  await ring2.getByLabel("Fleet share (%)").fill("140");
  await expect(ring2.getByText("A share cannot exceed 100%.")).toBeVisible();
  await ring2.getByLabel("Fleet share (%)").fill("100");
  await expect(ring2.getByText("A share cannot exceed 100%.")).toBeHidden();
  await ring2.getByLabel("Started", { exact: true }).fill("2025-05-01T10:00");
  await ring2.getByLabel("Started: UTC offset").selectOption("+02:00");

  await page.getByRole("button", { name: "Save rollout record" }).click();
  await expect(page).toHaveURL(/\/vendor\/rollouts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(release);
  await expect(page.getByRole("img", { name: /Rollout in 2 rings/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Rings in order" })).toContainText("1 May 2025, 08:00 CEST"); // 06:00 UTC, read in Berlin (playwright.config.ts)
  await expect(page.getByRole("heading", { name: "Findings" })).toBeVisible();
});

test("an officer uploads a CSV with an error, sees where it is, fixes it in place and stores it", async ({ page }) => {
  const release = uniqueName("csv-upload").replace(" ", "-");
  const csv = (share: string) =>
    [
      HEADER,
      row({
        type: "release",
        releaseId: release,
        version: "7.2.1",
        channel: "content",
        kernelMode: "false",
        releasedAt: "2025-06-02T09:00:00Z",
        ringOptIn: "true",
        nMinusOnePinning: "true",
      }),
      row({
        type: "ring",
        name: "Internal",
        sharePct: share,
        startedAt: "2025-06-02T09:00:00Z",
        promotedAt: "2025-06-02T11:00:00Z",
        gateSignal: "crash rate",
        gateThreshold: "0.1%",
        gatePassed: "true",
      }),
      row({ type: "ring", name: "Everyone", sharePct: "100", startedAt: "2025-06-02T11:00:00Z" }),
      row({ type: "event", eventKind: "halt", at: "2025-06-02T11:30:00Z", reason: "crash spike" }),
    ].join("\n");
  await page.goto("/vendor/rollouts/upload");
  await page.getByLabel("Product").selectOption({ label: "Aegis Sensor" });
  await page.getByLabel("File contents").fill(csv("0.5%"));
  await page.getByRole("button", { name: "Check and store" }).click();
  const problems = page.getByRole("region", { name: "Problems in the file" });
  await expect(problems).toContainText("Row 3, column sharePct");
  await expect(page.getByLabel("File contents")).toHaveValue(csv("0.5%"));

  await page.getByLabel("File contents").fill(csv("0.5"));
  await page.getByRole("button", { name: "Check and store" }).click();
  await expect(page).toHaveURL(/\/vendor\/rollouts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("img", { name: /Rollout in 2 rings/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Events" })).toContainText("crash spike");
  await expect(page.getByRole("heading", { name: "Findings" })).toBeVisible();
  await page.getByRole("button", { name: "Add to evidence vault" }).click();
  await expect(page.getByText("Added to the evidence vault.")).toBeVisible();
});

test("an officer creates an API token and sees it once", async ({ page }) => {
  const name = uniqueName("pipeline");
  await page.goto("/vendor/rollouts/tokens");
  await page.getByLabel("Token name").fill(name);
  await expect(page.getByLabel("Valid for")).toHaveValue("90");
  await page.getByLabel("Valid for").selectOption({ label: "30 days" });
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Copy this token now")).toBeVisible();
  const token = await page.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^rf_/);
  const expires = formatDate(new Date(Date.now() + 30 * 86_400_000), "Europe/Berlin");
  await expect(page.getByText(new RegExp(`It stops working at ${expires}, \\d\\d:\\d\\d CES?T`))).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(token.slice(0, 9));
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(expires);
  await page.reload();
  await expect(page.getByText("Copy this token now")).toBeHidden();
  await expect(page.getByText(token)).toHaveCount(0);
});

test("an officer re-analyses a record and sees every analysis in its history", async ({ page }) => {
  await page.goto("/vendor/rollouts");
  await page
    .getByRole("link", { name: /code-failed-gate/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/vendor\/rollouts\/[0-9a-f-]{36}$/);
  const history = page.getByRole("region", { name: "Analysis history" });
  const rows = history.getByRole("table", { name: "Analyses of this record, oldest first" }).getByRole("row");
  await expect(rows.filter({ hasText: "Record stored" })).toHaveCount(1);
  const before = await rows.filter({ hasText: "Re-analysed" }).count();
  await history.getByRole("button", { name: "Re-analyse" }).click();
  await expect(page.getByText("Re-analysed with the current analyser and thresholds.")).toBeVisible();
  await expect(rows.filter({ hasText: "Re-analysed" })).toHaveCount(before + 1);
  await expect(rows.filter({ hasText: "Record stored" })).toHaveCount(1);
});

test("a pipeline's record at the limits (500 rings, 20,000 events) opens as a small, paged page with a visible 0.5% canary", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto("/vendor/rollouts/tokens");
  await page.getByLabel("Token name").fill(uniqueName("large-record"));
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New API token").inputValue();
  await page.goto("/vendor/rollouts/new");
  const productId = await page.getByLabel("Product").locator("option", { hasText: "Aegis Sensor" }).getAttribute("value");

  const release = Date.parse("2025-09-01T06:00:00Z");
  const at = (minutes: number) => new Date(release + minutes * 60_000).toISOString();
  const rings = Array.from({ length: 500 }, (_, i) => ({
    name: `Ring ${i + 1}`,
    sharePct: i === 0 ? 0.5 : Math.round((0.5 + (99.5 * i) / 499) * 1000) / 1000,
    startedAt: at(i * 10),
    promotedAt: i === 499 ? null : at((i + 1) * 10),
    gate: { metric: "crash_rate", comparator: "<", threshold: 0.1, observed: 0.01, unit: "%", baseline: 0.01, evaluatedAt: at(i * 10 + 9) },
  }));
  const events = Array.from({ length: 20_000 }, (_, i) => ({
    kind: i % 2 ? "resume" : "pause",
    at: new Date(release + 60_000 + i * 15_000).toISOString(),
    reason: `automatic hold ${i + 1}`,
  }));
  const record = {
    releaseId: uniqueName("large").replace(" ", "-"),
    version: "9.9.9",
    channel: "content",
    kernelMode: false,
    releasedAt: at(0),
    rings,
    events,
    customerControl: { ringOptIn: true, nMinusOnePinning: true, delayHours: null },
    tests: [],
  };
  const created = await page.request.post("/api/v1/rollouts", {
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    data: { productId, record },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  const html = await page.request.get(`/vendor/rollouts/${id}`);
  expect(html.status()).toBe(200);
  const size = (await html.body()).length;
  console.log(`record page for 500 rings and 20,000 events: ${(size / 1024).toFixed(0)} KB of HTML`);
  expect(size).toBeLessThan(300 * 1024);

  await page.goto(`/vendor/rollouts/${id}`);
  await expect(page.getByRole("img", { name: /Rollout in 500 rings/ })).toBeVisible();
  await expect(page.getByText(/The share axis is logarithmic/)).toBeVisible();
  await expect(page.getByRole("table", { name: /Rings in order \(1–50 of 500\)/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Events \(1–50 of 20,000\)/ })).toBeVisible();
  await page.getByRole("navigation", { name: "Pages of events" }).getByRole("link", { name: "Next" }).click();
  await expect(page.getByRole("table", { name: /Events \(51–100 of 20,000\)/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Events (51–100 of 20,000)" })).toContainText("automatic hold 51");
});
