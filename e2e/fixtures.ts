import { test as base, expect, type Page } from "@playwright/test";
import crypto from "node:crypto";

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
  await page.getByRole("button", { name: "Sign in" }).click();
}

export function uniqueName(prefix: string): string {
  return `${prefix} ${crypto.randomBytes(3).toString("hex")}`;
}
