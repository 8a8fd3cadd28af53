import type { Browser, Page } from "@playwright/test";
import { expect, mailbox, storageStateFor, test, type AccountKey } from "./fixtures";

// The whole review, in the browser, by the people who do it: an administrator
// assigns a panel to Cobalt's submission; a platform reviewer, a government
// auditor (the lead) and a second auditor declare, score blind, ask for changes,
// score the new revision (unchanged controls carried over), reconcile a flagged
// spread, decide with conditions, and co-sign; the vendor sees the decision.

async function as(browser: Browser, who: AccountKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(who) });
  return context.newPage();
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

async function declareNoConflict(page: Page, id: string) {
  await page.goto(`/review/${id}`);
  await expect(page.getByRole("heading", { name: "Declare conflicts of interest" })).toBeVisible();
  await page.getByLabel("No, I have no conflict of interest").check();
  await page.getByRole("button", { name: "Declare" }).click();
  await expect(page.getByRole("heading", { name: "Your scorecard" })).toBeVisible();
}

/** Scores every unscored control through the form, going from one to the next as a reviewer would. */
async function scoreRemaining(page: Page, id: string, pick: (controlKey: string) => { score: number; rationale?: string }) {
  await page.goto(`/review/${id}/score`);
  for (let guard = 0; guard < 200; guard++) {
    const progress = (await page.getByText(/^\d+ of \d+ controls scored\./).textContent()) ?? "";
    const [done = 0, total = 0] = progress.match(/\d+/g)!.map(Number);
    if (done === total) return;
    const unscored = page.getByRole("link", { name: "Next unscored (u)" });
    const heading = (await page.getByRole("heading", { level: 1 }).textContent()) ?? "";
    const key = heading.replace("Scoring: ", "").split(" ")[0]!;
    const state = await page
      .getByRole("navigation", { name: "Controls" })
      .getByRole("link", { name: new RegExp(`^${key}`) })
      .textContent();
    if (!/unscored|re-score/.test(state ?? "")) {
      await unscored.click();
      await expect(page.getByRole("heading", { level: 1 })).not.toHaveText(heading);
      continue;
    }
    const { score, rationale } = pick(key);
    await page.getByRole("radio", { name: new RegExp(`^${score}\\b`) }).check();
    if (rationale) await page.getByLabel(/^Rationale/).fill(rationale);
    await page
      .getByRole("button", { name: /^Save and go on$|^Save$/ })
      .first()
      .click();
    await expect(page.getByText(new RegExp(`^${done + 1} of ${total} controls scored\\.`))).toBeVisible();
  }
  throw new Error("scoring did not finish");
}

test("a panel reviews a submission from assignment to a co-signed decision with conditions", async ({ browser }) => {
  test.setTimeout(600_000);
  const admin = await as(browser, "admin");
  const reviewer = await as(browser, "reviewer");
  const lead = await as(browser, "auditor");
  const second = await as(browser, "auditor2");
  const vendor = await as(browser, "cobalt");

  // Assignment.
  await admin.goto("/admin/reviews");
  // The demo also has Cobalt reports already published: take the submission waiting for a panel.
  await admin.getByRole("row").filter({ hasText: "Submitted" }).getByRole("link", { name: "Cobalt Shield: Cobalt Antivirus" }).click();
  await admin.waitForURL(/\/admin\/reviews\/[0-9a-f-]{36}$/);
  const first = admin.url().split("/").pop()!;
  await admin.getByRole("button", { name: "Assign panel" }).click();
  await expect(admin.getByText("A panel needs at least one platform reviewer and one government auditor.")).toBeVisible();
  await admin.getByLabel(/Riya Reviewer/).check();
  await admin.getByLabel(/Aaron Auditor/).check();
  await admin.getByLabel(/Greta Auditor/).check();
  await admin.getByLabel("Lead").selectOption({ label: "Aaron Auditor (Government auditor)" });
  await admin.getByLabel("Due date").fill(inDays(21));
  await admin.getByRole("button", { name: "Assign panel" }).click();
  await expect(admin.getByRole("heading", { name: /^Panel, due / })).toBeVisible();
  await expect(admin.getByText("Not yet declared")).toHaveCount(3);

  // Each member is told in the portal and by email (a real SMTP server: scripts/e2e-server.mjs).
  await reviewer.goto("/notifications");
  const assigned = reviewer.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: "You have been placed on a review panel" });
  await expect(assigned.first()).toBeVisible();
  await expect(reviewer.getByRole("banner").getByRole("link", { name: /^Notifications \(\d+ unread\)$/ })).toBeVisible();
  await expect
    .poll(
      () =>
        mailbox().filter(
          (m) => m.to === "auditor2@ncra.example" && m.subject === "Ringfence: You have been placed on a review panel" && m.text.includes(`/review/${first}`),
        ).length,
      { timeout: 30_000 },
    )
    .toBe(1);

  // Declarations: before declaring, a member sees nothing of the submission.
  await reviewer.goto("/review");
  await expect(reviewer.getByText("Declare conflicts first").first()).toBeVisible();
  await reviewer.goto(`/review/${first}/score`);
  await expect(reviewer.getByRole("heading", { name: "Not found" })).toBeVisible();
  for (const p of [reviewer, lead, second]) await declareNoConflict(p, first);

  // The reviewer starts scoring: a low score needs a rationale.
  await reviewer.goto(`/review/${first}/score`);
  const firstKey = ((await reviewer.getByRole("heading", { level: 1 }).textContent()) ?? "").replace("Scoring: ", "").split(" ")[0]!;
  await reviewer.getByRole("radio", { name: /^1\b/ }).check();
  await reviewer.getByRole("button", { name: "Save and go on" }).click();
  await expect(reviewer.getByText(/A score of 1 needs a rationale/)).toBeVisible();
  await reviewer.getByLabel(/^Rationale/).fill("The ring plan gives no bake times for content updates.");
  await reviewer.getByRole("button", { name: "Save and go on" }).click();
  await expect(reviewer.getByText(/^1 of \d+ controls scored\./)).toBeVisible();
  await reviewer.getByRole("radio", { name: /^3\b/ }).check();
  await reviewer.getByRole("button", { name: "Save and go on" }).click();
  await expect(reviewer.getByText(/^2 of \d+ controls scored\./)).toBeVisible();
  // Keyboard: "[" goes back to the previous control.
  await reviewer.keyboard.press("[");
  await expect(reviewer.getByRole("radio", { name: /^3\b/ })).toBeChecked();
  // Blind: nobody's scores are visible before one's own scorecard is in.
  await reviewer.goto(`/review/${first}/reconcile`);
  await expect(reviewer.getByText("Submit your own scorecard first.")).toBeVisible();

  // The lead asks for changes; the vendor sees why and submits revision 2.
  await lead.goto(`/review/${first}`);
  await lead.getByLabel("What the vendor must change").fill("Add the bake times for content updates to the ring plan (SDP-ROL-01).");
  await lead.getByRole("button", { name: "Request changes" }).click();
  await expect(lead.getByText("Changes requested").first()).toBeVisible();
  await vendor.goto(`/vendor/attestations/${first}`);
  await expect(vendor.getByText(/Add the bake times for content updates/)).toBeVisible();
  await vendor.goto(`/vendor/attestations/${first}/submit`);
  await vendor.getByRole("button", { name: "Start the requested revision" }).click();
  await expect(vendor).toHaveURL(/\/vendor\/attestations\/[0-9a-f-]{36}$/);
  const second_rev = vendor.url().split("/").pop()!;
  expect(second_rev).not.toBe(first);
  const card = vendor.locator('section[id^="control-"]').first();
  await card.getByLabel("Narrative").fill("Content updates bake 4 hours per ring; code updates 48 hours. See the ring plan.");
  await expect(card.getByText(/Saved at/)).toBeVisible();
  await vendor.goto(`/vendor/attestations/${second_rev}/submit`);
  await vendor.getByLabel("Your full name (typed signature)").fill("Cole Cobalt");
  await vendor.getByLabel("Your title").fill("Head of compliance");
  await vendor.getByLabel(/I confirm the attestation statement/).check();
  await vendor.getByRole("button", { name: "Sign and submit" }).click();
  await expect(vendor.getByTestId("digest")).toHaveText(/^[0-9a-f]{64}$/);

  // Revision 2 is back with the panel: the changed control is to be re-scored, the unchanged one carried over.
  await reviewer.goto(`/review/${second_rev}/score`);
  const nav = reviewer.getByRole("navigation", { name: "Controls" });
  await expect(nav.getByRole("link").first()).toContainText("re-score");
  await expect(nav.getByRole("link").nth(1)).toContainText("3, carried over");

  // A question on the changed control, answered with a new file; the reviewer downloads it and resolves the thread.
  const question = "Which release records show the 4-hour content bake being kept?";
  await reviewer.getByLabel(new RegExp(`^Question for the vendor about ${firstKey}`)).fill(question);
  await reviewer.getByRole("button", { name: "Send question" }).click();
  await expect(reviewer.getByText(question)).toBeVisible();
  await vendor.goto("/vendor/evidence/new");
  await vendor
    .getByLabel("Choose files to upload")
    .setInputFiles([
      { name: "content-bake-records.txt", mimeType: "text/plain", buffer: Buffer.from("release 7.4.1 content: ring 1 4h02m, ring 2 4h10m, ring 3 4h05m\n") },
    ]);
  await expect(vendor.getByRole("list", { name: "Uploads" }).getByText(/^Uploaded/)).toHaveCount(1);
  await vendor.goto(`/vendor/attestations/${second_rev}/questions`);
  const asked = vendor.getByRole("article").filter({ hasText: question });
  await asked.getByRole("button", { name: "Attach evidence from your vault" }).click();
  await asked.getByLabel(/^Find evidence to attach/).fill("content-bake");
  await asked.getByRole("button", { name: "Attach content bake records" }).click();
  await asked.getByLabel("Your answer for the review panel").fill("The attached records show each content ring's bake for release 7.4.1.");
  await asked.getByRole("button", { name: "Send answer" }).click();
  await expect(asked.getByText("Answered, waiting for the panel", { exact: true })).toBeVisible();
  await reviewer.reload();
  const thread = reviewer.getByRole("article").filter({ hasText: question });
  const download = await Promise.all([reviewer.waitForEvent("download"), thread.getByRole("link", { name: "content bake records" }).click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toBe("content-bake-records.txt");
  await thread.getByRole("button", { name: /as resolved$/ }).click();
  await expect(thread.getByText("Resolved", { exact: true })).toBeVisible();

  await scoreRemaining(reviewer, second_rev, (key) =>
    key === firstKey ? { score: 1, rationale: "Bake times are stated but no record shows them kept." } : { score: 3 },
  );
  await reviewer.getByRole("button", { name: "Submit scorecard" }).click();
  await expect(reviewer.getByText(/Your scorecard is submitted/)).toBeVisible();
  for (const p of [second, lead]) {
    await scoreRemaining(p, second_rev, () => ({ score: 3 }));
    await p.getByRole("button", { name: "Submit scorecard" }).click();
    await expect(p.getByText(/Your scorecard is submitted/)).toBeVisible();
  }

  // Reconciliation: the spread of 2 is flagged; the lead records the consensus and decides.
  await lead.goto(`/review/${second_rev}/reconcile`);
  await expect(lead.getByRole("row", { name: new RegExp(firstKey) }).getByText("Discuss")).toBeVisible();
  await expect(lead.getByTestId("alpha")).toHaveText(/^-?\d\.\d{3}$|^—$/);
  const rol = lead.locator(`details[id^="c-"]`, { hasText: firstKey }).first();
  await rol.getByLabel("Comment for the panel").fill("The record shows 1 hour between rings; I side with a low score.");
  await rol.getByRole("button", { name: "Add comment" }).click();
  await expect(rol.getByText(/I side with a low score/)).toBeVisible();
  await rol.getByLabel("Consensus score").selectOption("1");
  await rol.getByRole("button", { name: "Record consensus" }).click();
  await expect(rol.getByText(/explain in at least 10 characters why the consensus is 1/)).toBeVisible();
  await rol.getByLabel("Note").fill("The panel agreed the bake times are not evidenced by any record.");
  await rol.getByRole("button", { name: "Record consensus" }).click();
  // Recorded: the control's summary line says so, and its section, still open after the refresh, keeps the note.
  await expect(rol.locator("summary")).toContainText("consensus 1");
  await expect(rol).toHaveAttribute("open", "");
  await expect(rol.getByText(/Consensus note: The panel agreed/)).toBeVisible();
  // Every other control: the consensus offered is the panel's rounded mean. A section's forms appear when it is opened.
  const sections = lead.locator('details[id^="c-"]');
  const controlCount = await sections.count();
  expect(controlCount).toBeGreaterThan(10);
  for (let i = 0; i < controlCount; i++) {
    const section = sections.nth(i);
    if (/consensus \d/.test(await section.locator("summary").innerText())) continue;
    if (!(await section.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await expect(section.getByRole("button", { name: "Record consensus" })).toHaveCount(0);
      await section.locator("summary").click();
    }
    await section.getByRole("button", { name: "Record consensus" }).click();
    await expect(section.locator("summary")).toContainText(/consensus \d/);
  }
  await expect(lead.getByTestId("outcome")).toHaveText(/Meets with conditions/);
  await lead.getByLabel("The panel's reasoning").fill("Rings and gates are in place for code; content bake times are not yet evidenced by release records.");
  await lead.getByLabel("Item 1: control").selectOption({ index: 1 });
  await lead.getByLabel("Required action").first().fill("Send rollout records for three content releases showing each ring's bake time.");
  await lead.getByLabel("Due date").first().fill(inDays(60));
  await lead.getByRole("button", { name: "Add a remediation item" }).click();
  await lead.getByLabel("Item 2: control").selectOption({ index: 2 });
  await lead.getByLabel("Required action").nth(1).fill("Publish the customer-facing ring selection guide.");
  await lead.getByLabel("Due date").nth(1).fill(inDays(90));
  await lead.getByRole("button", { name: "Sign as lead" }).click();
  await expect(lead.getByText(/Decision signed by the lead/)).toBeVisible();
  await expect(lead.getByText(/Waiting for a government auditor of the panel, other than the lead, to co-sign/)).toBeVisible();

  // The second auditor co-signs; the vendor sees the decision and its conditions.
  await second.goto(`/review/${second_rev}/reconcile`);
  await second.getByRole("button", { name: "Co-sign the decision" }).click();
  await expect(second.getByText(/^Co-signed on /)).toBeVisible();
  await vendor.goto(`/vendor/attestations/${second_rev}`);
  await expect(vendor.getByTestId("decision")).toHaveText("Decision: Meets with conditions");
  await expect(vendor.getByText(/Send rollout records for three content releases/)).toBeVisible();
  await expect(vendor.getByText(/Publish the customer-facing ring selection guide/)).toBeVisible();
  await expect
    .poll(() => mailbox().filter((m) => m.to === "officer@cobalt.example" && /Decision: meets with conditions/.test(m.subject)).length, { timeout: 30_000 })
    .toBe(1);
  await vendor.goto("/notifications");
  await expect(vendor.getByRole("heading", { name: "Decision: meets with conditions" })).toBeVisible();
});

test("the vendor closes a condition with evidence from its vault; the lead reopens it, then accepts it", async ({ browser }) => {
  const vendor = await as(browser, "bastion");
  const lead = await as(browser, "reviewer");
  await vendor.goto("/vendor/attestations");
  await vendor.getByRole("row").filter({ hasText: "Decided" }).getByRole("link").first().click();
  await expect(vendor.getByTestId("decision")).toHaveText("Decision: Meets with conditions");
  const id = vendor.url().split("/").pop()!;
  const item = vendor.locator('li[id^="remediation-"]').first();
  await item.getByRole("button", { name: "Close this item" }).click();
  await expect(item.getByText(/Say what was done, in at least 10 characters/)).toBeVisible();
  await item.getByLabel("What was done").fill("Both quarterly rollback drill reports are attached, with timings.");
  await item.getByLabel("Evidence from your vault (optional)").fill("practice statement");
  await item.getByRole("button", { name: "Search" }).click();
  await item
    .getByRole("button", { name: /^Attach “Deployment practice statement/ })
    .first()
    .click();
  await expect(item.getByText(/^Attached: Deployment practice statement/)).toBeVisible();
  await item.getByRole("button", { name: "Close this item" }).click();
  await expect(item.getByText(/Closed, waiting for the panel's lead/)).toBeVisible();

  await lead.goto(`/review/${id}/reconcile`);
  const row = lead.locator("#remediation li").filter({ hasText: "Closed by the vendor" }).first();
  await expect(row.getByRole("link", { name: "Download the evidence sent with it" })).toBeVisible();
  await row.getByRole("button", { name: "Reopen" }).click();
  await expect(row.getByText(/Say what is still missing/)).toBeVisible();
  await row.getByLabel("Note to the vendor").fill("The Q2 report has no timings; add them, please.");
  await row.getByRole("button", { name: "Reopen" }).click();
  // The row leaves the "closed" filter once the action lands; wait for the lead's page to say so.
  await expect(lead.locator("#remediation").getByText("Lead's note: The Q2 report has no timings; add them, please.")).toBeVisible();
  await vendor.reload();
  await expect(vendor.getByText("Panel's note: The Q2 report has no timings; add them, please.")).toBeVisible();
  const again = vendor.locator('li[id^="remediation-"]').filter({ hasText: "Panel's note" }).first();
  await again.getByLabel("What was done").fill("The Q2 report now has timings for every ring.");
  await again.getByRole("button", { name: "Close this item" }).click();
  await expect(again.getByText(/Closed, waiting for the panel's lead/)).toBeVisible();
  await lead.reload();
  await lead.locator("#remediation li").filter({ hasText: "Closed by the vendor" }).first().getByRole("button", { name: "Accept" }).click();
  await expect(lead.locator("#remediation").getByText(/· Accepted/)).toBeVisible();
});

test("on the reconciliation page, a control in the score matrix links to its section, which opens with its forms", async ({ browser }) => {
  // The demo's reconciliation (Bastion EDR, second half of 2025): the reviewer is a member, not the lead.
  const reviewer = await as(browser, "reviewer");
  await reviewer.goto("/review");
  const item = reviewer.getByRole("listitem").filter({ hasText: "Reconciliation" }).filter({ hasText: "Bastion EDR" }).first();
  const href = await item.getByRole("link").first().getAttribute("href");
  await reviewer.goto(`${href}/reconcile`);
  // A control without a flag: its section starts closed.
  const row = reviewer
    .getByRole("row")
    .filter({ hasNotText: "Discuss" })
    .filter({ has: reviewer.getByRole("link") })
    .first();
  const link = row.getByRole("link");
  const target = (await link.getAttribute("href"))!;
  const section = reviewer.locator(`details${target}`);
  await expect(section).not.toHaveAttribute("open");
  await expect(section.getByLabel("Comment for the panel")).toHaveCount(0);
  await link.click();
  await expect(reviewer).toHaveURL(new RegExp(`${target}$`));
  await expect(section).toHaveAttribute("open", "");
  await expect(section.getByLabel("Comment for the panel")).toBeVisible();
  // Only the lead records a consensus.
  await expect(section.getByRole("button", { name: /consensus/ })).toHaveCount(0);
  // Arriving with the address of a section opens it too.
  await reviewer.reload();
  await expect(section).toHaveAttribute("open", "");
  await expect(section.getByLabel("Comment for the panel")).toBeVisible();
});
