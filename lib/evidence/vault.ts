import "server-only";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { evidenceItems } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/server/audit";
import { ok, type ActionResult } from "@/lib/result";
import { insertFileItem } from "./file-item";
import type { UploadMeta, urlEvidenceSchema } from "@/lib/validations/vendor";

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
export async function recordFileEvidence(
  db: Db,
  actor: Actor,
  meta: UploadMeta & { fileName: string },
  file: { sha256: string; size: number; mime: string },
): Promise<string> {
  return db.transaction(async (tx) => {
    const id = await insertFileItem(tx, { ...meta, organisationId: actor.organisationId, createdBy: actor.userId }, file);
    await recordAudit(
      tx,
      auditActor(actor),
      "evidence.uploaded",
      { type: "evidence", id },
      { sha256: file.sha256, size: file.size, mime: file.mime, fileName: meta.fileName },
    );
    return id;
  });
}
