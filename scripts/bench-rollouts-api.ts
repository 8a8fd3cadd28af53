/**
 * Throughput of record ingestion through the real POST /api/v1/rollouts handler:
 * token check, body reading, validation, analysis and the insert with its audit row.
 *   npx tsx --conditions=react-server scripts/bench-rollouts-api.ts [records]
 * Uses an in-memory PGlite database, or a fresh database on the server named by
 * TEST_DATABASE_URL (TEST_DB_DRIVER=postgres). The pure analysis alone is
 * benchmarked by scripts/bench-analysis.ts.
 */
import { performance } from "node:perf_hooks";
import { and, eq } from "drizzle-orm";
import { organisations, products } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import { POST } from "@/app/api/v1/rollouts/route";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { createApiToken } from "@/lib/rollouts/tokens";
import { openTestDb } from "../test/integration/test-db";

const COUNT = Number(process.argv[2] ?? 500);
// The benchmark measures ingestion, not the limiter (read when the configuration is first used, below).
process.env.RATE_LIMITS ??= "api.token=999999999/60,api.organisation=999999999/60";

async function main() {
  if (process.env.TEST_DATABASE_URL && !process.env.TEST_DB_DRIVER) process.env.TEST_DB_DRIVER = "postgres";
  const t = await openTestDb();
  try {
    await seedDemo(t.db);
    const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
    const [product] = await t.db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.organisationId, org!.id), eq(products.name, "Aegis Sensor")));
    const { token } = await createApiToken(t.db, { userId: null, organisationId: org!.id }, { name: "bench", scopes: ["rollouts:write"] });

    const bodies = Array.from({ length: COUNT }, (_, i) =>
      JSON.stringify({ productId: product!.id, record: { ...referenceModelContent, releaseId: `bench-${i}` } }),
    );
    const started = performance.now();
    for (const [i, body] of bodies.entries()) {
      const res = await POST(
        new Request("http://localhost/api/v1/rollouts", {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `bench-${i}` },
          body,
        }),
      );
      if (res.status !== 201) throw new Error(`record ${i}: ${res.status} ${await res.text()}`);
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`database: ${t.kind}; records: ${COUNT} (5 rings each, with Idempotency-Key)`);
    console.log(`ingested through POST /api/v1/rollouts: ${(COUNT / seconds).toFixed(1)} records/s (${((seconds * 1000) / COUNT).toFixed(2)} ms each)`);
  } finally {
    await t.dispose();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
