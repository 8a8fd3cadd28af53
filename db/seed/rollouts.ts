import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organisations, products, rolloutRecords } from "@/db/schema";
import { createRolloutRecord } from "@/lib/rollouts/store";
import { demoReleases } from "@/lib/rollouts/fixtures/demo-releases";
import { referenceIncident } from "@/lib/rollouts/fixtures/reference-incident";
import type { RolloutRecordInput } from "@/lib/rollouts/record-schema";
import { DEMO_PRODUCTS } from "./vendor";

export const REFERENCE_INCIDENT_RELEASE = "Channel update 291 (reference incident)";

/**
 * A few realistic releases per demo product, good and bad, and the July 2024
 * reference incident for Cobalt Shield's product. Idempotent by (product, release).
 */
export async function seedDemoRollouts(db: Db): Promise<number> {
  let created = 0;
  for (const [offset, p] of DEMO_PRODUCTS.entries()) {
    const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, p.org));
    if (!org) continue;
    const [product] = await db
      .select({ id: products.id })
      .from(products)
      .where(and(eq(products.organisationId, org.id), eq(products.name, p.name)));
    if (!product) continue;
    const records: RolloutRecordInput[] = demoReleases(p.name, offset);
    if (p.org === "cobalt-shield") records.push({ ...referenceIncident, releaseId: REFERENCE_INCIDENT_RELEASE });
    for (const record of records) {
      const [exists] = await db
        .select({ id: rolloutRecords.id })
        .from(rolloutRecords)
        .where(and(eq(rolloutRecords.productId, product.id), eq(rolloutRecords.releaseId, record.releaseId)));
      if (exists) continue;
      const res = await createRolloutRecord(db, { userId: null, organisationId: org.id }, { productId: product.id, record, source: "upload" });
      if (!res.ok) throw new Error(`demo rollout ${record.releaseId}: ${res.message} ${JSON.stringify(res.reasons)}`);
      created++;
    }
  }
  return created;
}
