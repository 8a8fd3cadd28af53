import { expect, storageStateFor, test } from "./fixtures";

test.describe.configure({ mode: "serial" });

test("an administrator makes a new version from 1.0, edits a rubric level and publishes it", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await ctx.newPage();
  await page.goto("/admin/catalog");
  await expect(page.getByRole("heading", { name: "Catalog editor" })).toBeVisible();
  await page.getByRole("button", { name: "New draft from Safe Deployment Principles 1.0" }).click();
  await expect(page).toHaveURL(/\/admin\/catalog\/[0-9a-f-]{36}$/);
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toHaveText(/^Edit Safe Deployment Principles 1\.\d+$/);
  const version = (await heading.textContent())!.replace(/^Edit Safe Deployment Principles /, "");

  // Keyboard reordering: move the second domain up, and back.
  const domains = page.getByRole("list", { name: "Domains" });
  const second = (await domains.getByRole("listitem").nth(1).textContent())!;
  const secondLabel = second
    .replace(/Move up.*$/, "")
    .replace("⠿", "")
    .trim();
  await page.getByRole("button", { name: `Move ${secondLabel} up` }).click();
  await expect(domains.getByRole("listitem").first()).toContainText(secondLabel);
  await page.getByRole("button", { name: `Move ${secondLabel} down` }).click();
  await expect(domains.getByRole("listitem").nth(1)).toContainText(secondLabel);

  // The draft's answer rules: planned must controls now need evidence too.
  const rules = page.getByRole("group", { name: "What each status requires" });
  const planned = rules.getByRole("group", { name: "Planned", exact: true });
  await expect(planned.getByLabel("Narrative")).toBeChecked();
  await expect(planned.getByLabel("Evidence (must controls)")).not.toBeChecked();
  await planned.getByLabel("Evidence (must controls)").check();
  await page.getByRole("button", { name: "Save version details" }).click();
  await expect(page.getByText("Version details saved.")).toBeVisible();

  // A field error appears beside the field and the typed text stays.
  await page.getByRole("link", { name: "Edit SDP-ROL-01" }).click();
  await expect(page.getByRole("heading", { name: "Control SDP-ROL-01" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill("");
  const level2 = page.getByLabel("Level 2 — Defined");
  const newText = `Edited in e2e for ${version}: a written ring plan is followed on most code releases.`;
  await level2.fill(newText);
  await page.getByRole("button", { name: "Save control" }).click();
  await expect(page.getByText("This field is required.", { exact: true })).toBeVisible();
  await expect(level2).toHaveValue(newText);
  await page.getByLabel("Title", { exact: true }).fill("Staged ring deployment of code updates");
  await page.getByRole("button", { name: "Save control" }).click();
  await expect(page).toHaveURL(/\/admin\/catalog\/[0-9a-f-]{36}$/);

  await page.getByRole("button", { name: `Publish Safe Deployment Principles ${version}` }).click();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  const versionId = page.url().split("/").pop()!;

  // Every reader sees the new rules in plain words.
  await page.goto(`/catalog/${versionId}`);
  const table = page.getByRole("table", { name: "What each status requires" });
  await expect(table.getByRole("row", { name: /^Planned/ })).toContainText(
    "A narrative, a target date and a plan. Must controls also need at least one piece of linked evidence.",
  );

  // The published rubric reads as edited; the comparison shows exactly that change.
  await page.goto(`/catalog/${versionId}/controls/SDP-ROL-01`);
  await expect(page.getByRole("cell", { name: newText })).toBeVisible();
  await page.goto("/catalog/compare");
  await page.getByLabel("Earlier version").selectOption({ label: "Safe Deployment Principles 1.0 (published)" });
  await page.getByLabel("Later version").selectOption({ label: `Safe Deployment Principles ${version} (published)` });
  await page.getByRole("button", { name: "Compare" }).click();
  await expect(page.getByText(/0 added, 0 removed, 1 changed/)).toBeVisible();
  await expect(page.getByRole("cell", { name: newText })).toBeVisible();
  await ctx.close();
});

test("an import with problems lists each one with its location and saves nothing", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await ctx.newPage();
  await page.goto("/admin/catalog/import");
  await page.getByLabel("Document").fill(JSON.stringify({ format: "ringfence.framework/v1", slug: "Bad Slug", domains: [{ key: "x", controls: [] }] }));
  await page.getByRole("button", { name: "Import as draft" }).click();
  const problems = page.getByRole("list", { name: "Import problems" });
  await expect(problems).toContainText("slug:");
  await expect(problems).toContainText("domains[0].key:");
  await ctx.close();
});

test("a vendor officer browses, filters and searches the catalog and opens a control", async ({ browser }) => {
  const ctx = await browser.newContext({ storageState: storageStateFor("officer") });
  const page = await ctx.newPage();
  await page.goto("/catalog");
  await page.getByRole("link", { name: "Safe Deployment Principles 1.0" }).click();
  await expect(page.getByRole("heading", { name: "Safe Deployment Principles 1.0" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "controls in" })).toBeVisible();
  const rules = page.getByRole("table", { name: "What each status requires" });
  await expect(rules.getByRole("row", { name: /^Implemented/ })).toContainText("A narrative. Must controls also need at least one piece of linked evidence.");
  await expect(rules.getByRole("row", { name: /^Planned/ })).toContainText("A narrative, a target date and a plan.");
  await expect(rules.getByRole("row", { name: /^Not applicable/ })).toContainText("A justification.");

  await page.getByLabel("Search control text").fill("canary");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=canary/);
  await expect(page.getByText(/\d+ of \d+ controls match\./)).toBeVisible();
  await expect(page.getByRole("link", { name: /^SDP-ROL-01:/ })).toBeVisible();

  await page.getByLabel("Must controls only").check();
  await page.getByLabel("Update channel").selectOption("content");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("link", { name: /^SDP-ROL-01:/ })).toHaveCount(0);

  await page.getByLabel("Search control text").fill("zzqx-nothing-matches");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No controls match these filters")).toBeVisible();

  await page.getByRole("link", { name: "Clear", exact: true }).click();
  await page.getByRole("link", { name: /^SDP-ROL-01:/ }).click();
  await expect(page.getByRole("heading", { name: /^SDP-ROL-01:/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Rubric of SDP-ROL-01/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mappings" })).toBeVisible();
  await ctx.close();
});

for (const who of ["observer", "officer", "contributor", "reviewer"] as const) {
  test(`${who} sees no catalog editing actions`, async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: storageStateFor(who) });
    const page = await ctx.newPage();
    await page.goto("/catalog");
    await expect(page.getByRole("heading", { name: "Principles catalog" })).toBeVisible();
    await expect(page.getByRole("link", { name: /\beditor\b/i })).toHaveCount(0);
    // File-format detail is for vendors, behind a disclosure; reviewers and observers read plain text only.
    if (who === "officer" || who === "contributor") {
      await expect(page.getByRole("link", { name: "JSON Schema" })).toBeHidden();
      await page.getByText("For developers: the file format").click();
      await expect(page.getByRole("link", { name: "JSON Schema" })).toHaveAttribute("href", "/api/catalog/schema.json");
    } else {
      await expect(page.getByText(/JSON Schema/)).toHaveCount(0);
      await expect(page.getByRole("heading", { name: "Reading the catalog" })).toBeVisible();
    }
    await page.getByRole("link", { name: "Safe Deployment Principles 1.0" }).click();
    await expect(page.getByRole("link", { name: "Download OSCAL" })).toBeVisible();
    await expect(page.getByRole("link", { name: /\bedit(or)?\b/i })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /publish|retire|draft|move/i })).toHaveCount(0);
    await page.goto("/admin/catalog");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    await ctx.close();
  });
}
