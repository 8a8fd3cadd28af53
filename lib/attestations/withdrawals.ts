import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations } from "@/db/schema";

/** The audit action written with a withdrawal. */
export const WITHDRAWN_ACTION = "attestation.withdrawn";

export type Withdrawal = { at: Date; byName: string; reason: string };

/** Who withdrew one attestation of the caller's organisation, when and why; null if it was not withdrawn. */
export async function getWithdrawal(db: DbOrTx, organisationId: string, attestationId: string): Promise<Withdrawal | null> {
  const [row] = await db
    .select({ at: attestations.withdrawnAt, byName: attestations.withdrawnByName, reason: attestations.withdrawnReason })
    .from(attestations)
    .where(and(eq(attestations.id, attestationId), eq(attestations.organisationId, organisationId), eq(attestations.status, "withdrawn")));
  return row?.at ? { at: row.at, byName: row.byName ?? "an officer", reason: row.reason ?? "" } : null;
}
