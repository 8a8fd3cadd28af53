import { defineConfig } from "vitest/config";
import os from "node:os";
import path from "node:path";

const alias = { "server-only": path.resolve(__dirname, "test/server-only-stub.ts") };
const pgUrl = process.env.TEST_DATABASE_URL;
// Files the tests store (evidence blobs, generated secrets) go to a throwaway folder, never ./.data.
const dataDir = path.join(os.tmpdir(), `ringfence-vitest-${process.pid}`);

// Unit tests are pure. Integration tests run on embedded PGlite always, and a
// second time on PostgreSQL when TEST_DATABASE_URL points at a server.
export default defineConfig({
  resolve: { tsconfigPaths: true, alias },
  test: {
    // Two cores here; each integration file opens its own database.
    maxWorkers: 2,
    // next-auth imports "next/server" without an extension; let Vite resolve it.
    server: { deps: { inline: ["next-auth"] } },
    projects: [
      {
        extends: true,
        // Property tests run 1,000 cases; on a loaded CI machine some took over the default 5 s. The limit only catches hangs.
        test: { name: "unit", include: ["lib/**/*.test.ts", "db/**/*.test.ts", "test/unit/**/*.test.ts"], testTimeout: 60_000 },
      },
      {
        extends: true,
        test: {
          name: "integration-pglite",
          include: ["test/integration/**/*.test.ts"],
          env: { TEST_DB_DRIVER: "pglite", RINGFENCE_DATA_DIR: dataDir },
          // Migrates and seeds once per run; each file starts from a copy (test/integration/test-db.ts).
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 60_000,
          // Opening, migrating and seeding an embedded database took 135 s at load average 20-35 (about 20 s idle).
          hookTimeout: 240_000,
        },
      },
      {
        // Against the built portal under `next start` (scripts/test.mjs runs it after `next build`).
        extends: true,
        // maxConcurrency: the API property tests run one property per endpoint at once.
        test: { name: "server", include: ["test/server/**/*.test.ts"], testTimeout: 120_000, hookTimeout: 180_000, fileParallelism: false, maxConcurrency: 16 },
      },
      ...(pgUrl
        ? [
            {
              extends: true as const,
              test: {
                name: "integration-postgres",
                include: ["test/integration/**/*.test.ts"],
                env: { TEST_DB_DRIVER: "postgres", RINGFENCE_DATA_DIR: dataDir },
                globalSetup: ["test/integration/global-setup.ts"],
                testTimeout: 60_000,
                hookTimeout: 120_000,
              },
            },
          ]
        : []),
    ],
  },
});
