import "server-only";
import { and, desc, eq, gte, lte, ne, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/client";
import { attestations, type AttestationStatus } from "@/db/schema";

export type OverlappingAttestation = { id: string; status: AttestationStatus; periodStart: string; periodEnd: string };

/**
 * The latest revision of an attestation that already covers part of this
 * period for the same product and catalog version, if any. Revisions share a
 * lineage, so a lineage counts once; a withdrawn lineage (only its latest
 * revision can be withdrawn) no longer counts.
 */
export async function findOverlappingAttestation(
  db: DbOrTx,
  organisationId: string,
  input: { productId: string; frameworkVersionId: string; periodStart: string; periodEnd: string },
): Promise<OverlappingAttestation | null> {
  const withdrawn = alias(attestations, "withdrawn");
  const [row] = await db
    .select({ id: attestations.id, status: attestations.status, periodStart: attestations.periodStart, periodEnd: attestations.periodEnd })
    .from(attestations)
    .where(
      and(
        eq(attestations.organisationId, organisationId),
        eq(attestations.productId, input.productId),
        eq(attestations.frameworkVersionId, input.frameworkVersionId),
        lte(attestations.periodStart, input.periodEnd),
        gte(attestations.periodEnd, input.periodStart),
        ne(attestations.status, "withdrawn"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(withdrawn)
            .where(and(eq(withdrawn.lineageId, attestations.lineageId), eq(withdrawn.status, "withdrawn"))),
        ),
      ),
    )
    .orderBy(desc(attestations.periodStart), desc(attestations.revision))
    .limit(1);
  return row ?? null;
}

const WHERE: Record<AttestationStatus, string> = {
  draft: "It is still a draft: continue it instead.",
  submitted: "It has been submitted and is waiting for a review panel.",
  in_review: "It is with its review panel.",
  changes_requested: "The review panel has asked for changes: make them in a revision of that attestation.",
  reconciliation: "Its review panel is agreeing the final scores.",
  decided: "The review panel has decided; the report is being prepared.",
  published: "Its report is published; later changes go in a remediation revision of that attestation.",
  withdrawn: "It has been withdrawn.",
};

/** One sentence on where an existing attestation stands, for the refusal message. */
export function whereItIs(status: AttestationStatus): string {
  return WHERE[status];
}
