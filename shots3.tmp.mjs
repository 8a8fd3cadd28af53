import { chromium } from "@playwright/test";
import fs from "node:fs";
const base = "http://127.0.0.1:3150";
const id = fs.readFileSync("/tmp/large-id", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const [name, vp] of [["laptop", { width: 1280, height: 900 }], ["phone", { width: 360, height: 780 }]]) {
  const ctx = await browser.newContext({ viewport: vp, storageState: "/tmp/officer-state.json" });
  const page = await ctx.newPage();
  await page.goto(base + `/vendor/rollouts/${id}`);
  await page.screenshot({ path: `/tmp/large-${name}.png`, fullPage: false });
  await page.goto(base + "/vendor/rollouts");
  const link = page.getByRole("link").filter({ hasText: /July|incident|2024/i }).first();
  await page.screenshot({ path: `/tmp/rollouts-${name}.png`, fullPage: true });
  const first = page.locator('a[href^="/vendor/rollouts/"]').filter({ hasNotText: /new|upload|api|tokens/i });
  const hrefs = await first.evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  const rec = hrefs.find((h) => /[0-9a-f-]{36}$/.test(h) && !h.endsWith(id));
  await page.goto(base + rec);
  await page.screenshot({ path: `/tmp/record-${name}.png`, fullPage: true });
  await page.goto(base + "/vendor/rollouts/new");
  await page.getByLabel("This ring had a health gate").first().check().catch(() => {});
  await page.screenshot({ path: `/tmp/form-${name}.png`, fullPage: true });
  await ctx.close();
}
await browser.close();
