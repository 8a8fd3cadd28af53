import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { remediationItems, reviewDecisions } from "@/db/schema";

/** Remediation statuses as they are now, for a report whose access the caller checked. Not confidential. */
export async function liveRemediation(db: DbOrTx, attestationId: string): Promise<Map<string, { status: string }>> {
  const rows = await db
    .select({ id: remediationItems.id, status: remediationItems.status })
    .from(remediationItems)
    .innerJoin(reviewDecisions, eq(reviewDecisions.id, remediationItems.decisionId))
    .where(eq(reviewDecisions.attestationId, attestationId));
  return new Map(rows.map((r) => [r.id, { status: r.status }]));
}
