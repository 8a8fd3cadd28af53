import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { frameworkVersions } from "@/db/schema";
import { fail, type Failure } from "@/lib/result";

export const NOT_A_DRAFT = "This version is published or retired and cannot be changed. Create a new draft from it instead.";

/**
 * Locks a version row for the rest of the transaction and checks it is a draft.
 * The database triggers refuse changes to published content anyway; this gives
 * the person a clear message instead of a constraint error.
 */
export async function lockDraft(tx: DbOrTx, versionId: string): Promise<Failure | null> {
  const [v] = await tx.select({ status: frameworkVersions.status }).from(frameworkVersions).where(eq(frameworkVersions.id, versionId)).for("update");
  if (!v) return fail("not_found", "This catalog version does not exist.");
  if (v.status !== "draft") return fail("conflict", NOT_A_DRAFT);
  return null;
}

/** Touches the version's updated_at (drafts only). */
export async function touchVersion(tx: DbOrTx, versionId: string): Promise<void> {
  await tx
    .update(frameworkVersions)
    .set({ updatedAt: sql`now()` })
    .where(eq(frameworkVersions.id, versionId));
}
