import type { DbOrTx } from "@/db/client";
import { blobs, evidenceItems, evidenceVersions } from "@/db/schema";

export type NewFileItem = {
  organisationId: string;
  createdBy: string | null;
  kind: string;
  title: string;
  description?: string;
  evidenceDate?: string | null;
  validUntil?: string | null;
  classification?: "reviewers_only" | "publishable";
  fileName: string;
};
export type StoredFile = { sha256: string; size: number; mime: string };

/**
 * Inserts a file item as version 1 with its blob row and version row. The
 * caller passes a transaction and writes the audit row in it.
 */
export async function insertFileItem(tx: DbOrTx, item: NewFileItem, file: StoredFile): Promise<string> {
  await tx.insert(blobs).values(file).onConflictDoNothing();
  const [row] = await tx
    .insert(evidenceItems)
    .values({ ...item, blobSha256: file.sha256, currentVersion: 1, updatedBy: item.createdBy })
    .returning({ id: evidenceItems.id });
  if (!row) throw new Error("insert returned no row");
  await tx.insert(evidenceVersions).values({ evidenceId: row.id, version: 1, blobSha256: file.sha256, fileName: item.fileName, createdBy: item.createdBy });
  return row.id;
}
