import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { attestations, blobs, evidenceItems, evidenceLinks, products } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/session";
import { isUuid } from "@/lib/ids";
import { recordAudit } from "@/lib/server/audit";
import { ok, type ActionResult } from "@/lib/result";
import { insertFileItem } from "./file-item";
import type { UploadMeta, urlEvidenceSchema } from "@/lib/validations/vendor";

const itemColumns = {
  id: evidenceItems.id,
  title: evidenceItems.title,
  description: evidenceItems.description,
  kind: evidenceItems.kind,
  evidenceDate: evidenceItems.evidenceDate,
  validUntil: evidenceItems.validUntil,
  classification: evidenceItems.classification,
  url: evidenceItems.url,
  fileName: evidenceItems.fileName,
  sha256: evidenceItems.blobSha256,
  size: blobs.size,
  mime: blobs.mime,
  createdAt: evidenceItems.createdAt,
};
export type VaultItem = Awaited<ReturnType<typeof listEvidence>>[number];

export async function listEvidence(db: DbOrTx, organisationId: string) {
  return db
    .select({ ...itemColumns, links: sql<number>`(select count(*)::int from ${evidenceLinks} where ${evidenceLinks.evidenceId} = ${evidenceItems.id})` })
    .from(evidenceItems)
    .leftJoin(blobs, eq(blobs.sha256, evidenceItems.blobSha256))
    .where(eq(evidenceItems.organisationId, organisationId))
    .orderBy(desc(evidenceItems.createdAt));
}

export async function getEvidence(db: DbOrTx, organisationId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select(itemColumns)
    .from(evidenceItems)
    .leftJoin(blobs, eq(blobs.sha256, evidenceItems.blobSha256))
    .where(and(eq(evidenceItems.id, id), eq(evidenceItems.organisationId, organisationId)));
  return row ?? null;
}

/** Where one item is used: attestation, product and control, for the detail page. */
export async function listEvidenceUses(db: DbOrTx, organisationId: string, evidenceId: string) {
  return db
    .select({ attestationId: attestations.id, revision: attestations.revision, status: attestations.status, productName: products.name, controlId: evidenceLinks.controlId })
    .from(evidenceLinks)
    .innerJoin(attestations, eq(attestations.id, evidenceLinks.attestationId))
    .innerJoin(products, eq(products.id, attestations.productId))
    .where(and(eq(evidenceLinks.evidenceId, evidenceId), eq(attestations.organisationId, organisationId)));
}

/** The organisation's item holding this exact content, if any: identical files are offered, not stored twice. */
export async function findByContent(db: DbOrTx, organisationId: string, sha256: string) {
  const [row] = await db
    .select({ id: evidenceItems.id, title: evidenceItems.title })
    .from(evidenceItems)
    .where(and(eq(evidenceItems.organisationId, organisationId), eq(evidenceItems.blobSha256, sha256)))
    .limit(1);
  return row ?? null;
}

export async function createUrlEvidence(db: Db, actor: Actor, input: z.output<typeof urlEvidenceSchema>): Promise<ActionResult<{ id: string }>> {
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(evidenceItems)
      .values({ ...input, organisationId: actor.organisationId, createdBy: actor.userId })
      .returning({ id: evidenceItems.id });
    if (!row) throw new Error("insert returned no row");
    await recordAudit(tx, auditActor(actor), "evidence.added", { type: "evidence", id: row.id }, { kind: input.kind, url: input.url });
    return row.id;
  });
  return ok({ id });
}

/** Records a committed file: the blob row (shared, content-addressed) and the vault item, with the audit row, in one transaction. */
export async function recordFileEvidence(db: Db, actor: Actor, meta: UploadMeta & { fileName: string }, file: { sha256: string; size: number; mime: string }): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertFileItem(tx, { ...meta, organisationId: actor.organisationId, createdBy: actor.userId }, file);
    await recordAudit(tx, auditActor(actor), "evidence.uploaded", { type: "evidence", id }, { sha256: file.sha256, size: file.size, mime: file.mime, fileName: meta.fileName });
    return id;
  });
}
