import { test as base, expect, type Page } from "@playwright/test";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const DEMO_PASSWORD = "Ringfence-demo-2026!";

export const ACCOUNTS = {
  officer: "officer@aegis.example",
  contributor: "contributor@aegis.example",
  bastion: "officer@bastion.example",
  reviewer: "reviewer@contoso.example",
  auditor: "auditor@ncra.example",
  auditor2: "auditor2@ncra.example",
  cobalt: "officer@cobalt.example",
  observer: "observer@ncra.example",
  admin: "admin@ringfence.example",
} as const;
export type AccountKey = keyof typeof ACCOUNTS;

// Sessions are per server (each e2e server has its own secret), so per port.
export const storageStateFor = (key: AccountKey) => `e2e/.auth/${process.env.E2E_PORT ?? "3100"}/${key}.json`;

/** A distinct client address per test, so sign-in throttling of one test never touches another. */
export function clientAddressFor(seed: string): string {
  const h = crypto.createHash("sha256").update(seed).digest();
  return `10.${h[0]}.${h[1]}.${h[2]}`;
}

export const test = base.extend({
  extraHTTPHeaders: async ({}, use, testInfo) => {
    await use({ "x-forwarded-for": clientAddressFor(`${testInfo.testId}:${testInfo.retry}`) });
  },
});

export { expect };

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${crypto.randomBytes(3).toString("hex")}`;
}

export type Mail = { to: string; subject: string; text: string };

/** Every email the portal has sent to the e2e server's SMTP sink (scripts/e2e-server.mjs), oldest first. */
export function mailbox(): Mail[] {
  const dir = path.resolve(".data-e2e", `mail-${process.env.E2E_PORT ?? "3100"}`);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(dir, f), "utf8");
      const split = raw.indexOf("\r\n\r\n");
      const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
      const header = (name: string) => new RegExp(`^${name}: (.*)$`, "im").exec(head)?.[1]?.trim() ?? "";
      const text = raw
        .slice(split + 4)
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
      return { to: header("X-Envelope-To"), subject: header("Subject"), text };
    });
}
