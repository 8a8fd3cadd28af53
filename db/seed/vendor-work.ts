import { seedEvent } from "./log";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attestations, frameworks, frameworkVersions, organisations, products } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import { insertFileItem } from "@/lib/evidence/file-item";

const CHECKLIST = `Aegis release checklist (demo)\n\n1. Content update validated against the content interface tests.\n2. Canary ring of 0.5% for one hour, crash telemetry watched.\n3. Promotion approved by the on-call release manager.\n`;

async function* oneChunk(bytes: Uint8Array) {
  yield bytes;
}

/** A draft attestation and one file in the vault for Aegis, so the workspace is not empty on first sign-in. Idempotent. */
export async function seedDemoVendorWork(db: Db): Promise<boolean> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "aegis-endpoint"));
  const [product] = org
    ? await db
        .select({ id: products.id })
        .from(products)
        .where(and(eq(products.organisationId, org.id), eq(products.name, "Aegis Sensor")))
    : [];
  const [version] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.slug, "safe-deployment-principles"), eq(frameworkVersions.version, "1.0")));
  if (!org || !product || !version) return false;
  const [existing] = await db.select({ id: attestations.id }).from(attestations).where(eq(attestations.organisationId, org.id)).limit(1);
  if (existing) return false;
  const store = new FsBlobStore(path.join(getConfig().dataDir, "blobs"));
  const file = await store.putStream(oneChunk(new TextEncoder().encode(CHECKLIST)), { maxBytes: 1024 * 1024 });
  await db.transaction(async (tx) => {
    const [a] = await tx
      .insert(attestations)
      .values({
        lineageId: crypto.randomUUID(),
        organisationId: org.id,
        productId: product.id,
        frameworkVersionId: version.id,
        kind: "new",
        periodStart: "2026-01-01",
        periodEnd: "2026-06-30",
      })
      .returning({ id: attestations.id });
    await seedEvent(tx, "attestation.started", { type: "attestation", id: a!.id }, { productId: product.id, frameworkVersionId: version.id, kind: "new" });
    const evidenceId = await insertFileItem(
      tx,
      {
        organisationId: org.id,
        createdBy: null,
        kind: "document",
        title: "Release checklist (demo)",
        evidenceDate: "2026-01-15",
        fileName: "release-checklist.txt",
      },
      { sha256: file.sha256, size: file.size, mime: "text/plain; charset=utf-8" },
    );
    await seedEvent(tx, "evidence.uploaded", { type: "evidence", id: evidenceId }, { sha256: file.sha256, size: file.size });
  });
  return true;
}
