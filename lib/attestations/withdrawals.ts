import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations, auditEvents } from "@/db/schema";

/** Withdrawals are read from the audit trail (the row written with the status change), not from a column. */
export const WITHDRAWN_ACTION = "attestation.withdrawn";

export type Withdrawal = { at: Date; byName: string; reason: string };

/** Audit rows recording a withdrawal, limited to the caller's organisation. */
export const withdrawalJoin = (organisationId: string) =>
  and(
    eq(auditEvents.targetType, "attestation"),
    eq(auditEvents.targetId, sql`${attestations.id}::text`),
    eq(auditEvents.action, WITHDRAWN_ACTION),
    eq(auditEvents.actorOrganisationId, organisationId),
  );

/** Who withdrew one attestation of the caller's organisation, when and why; null if it was not withdrawn. */
export async function getWithdrawal(db: DbOrTx, organisationId: string, attestationId: string): Promise<Withdrawal | null> {
  const [row] = await db
    .select({ at: auditEvents.at, byName: sql<string | null>`${auditEvents.details}->>'byName'`, reason: sql<string | null>`${auditEvents.details}->>'reason'` })
    .from(attestations)
    .innerJoin(auditEvents, withdrawalJoin(organisationId))
    .where(and(eq(attestations.id, attestationId), eq(attestations.organisationId, organisationId), eq(attestations.status, "withdrawn")))
    .orderBy(desc(auditEvents.at))
    .limit(1);
  return row ? { at: row.at, byName: row.byName ?? "an officer", reason: row.reason ?? "" } : null;
}
