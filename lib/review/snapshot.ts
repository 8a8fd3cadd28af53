import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestationSubmissions } from "@/db/schema";
import type { Snapshot } from "@/lib/attestations/snapshot";

/**
 * The signed snapshot of one revision, for review code that already checked
 * access (under lockFor or through openForPanel). Null when it was never submitted.
 */
export async function submittedSnapshot(db: DbOrTx, attestationId: string): Promise<Snapshot | null> {
  const [row] = await db
    .select({ snapshot: attestationSubmissions.snapshot })
    .from(attestationSubmissions)
    .where(eq(attestationSubmissions.attestationId, attestationId));
  return row ? (row.snapshot as unknown as Snapshot) : null;
}
