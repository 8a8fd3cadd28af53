import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * `npm run screenshots`: pictures of the main screens for the documentation
 * (docs/screenshots/), taken against the production build served exactly as
 * for the end-to-end tests (scripts/e2e-server.mjs: its own port, a fresh
 * embedded database with the demo data). Not part of `npm test`.
 */
export default defineConfig({
  ...base,
  testDir: "./e2e-screenshots",
  outputDir: `test-results/screenshots-${process.env.E2E_PORT ?? "3100"}`,
  retries: 0,
  projects: [{ name: "screenshots", use: { ...base.use } }],
});
