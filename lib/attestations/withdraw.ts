import "server-only";
import { and, eq, max } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { attestations } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { auditActor, type Actor } from "@/lib/auth/session";
import { recordAudit } from "@/lib/server/audit";
import { fail, ok, type ActionResult } from "@/lib/result";
import type { withdrawSchema } from "@/lib/validations/vendor";
import { WITHDRAWN_ACTION } from "./withdrawals";

/**
 * Ends the signed statement's hold on later versions. Only the latest revision,
 * only while submitted; the submission row (snapshot, digest) is left exactly as
 * signed, so verification still matches. Who, when and why go in the audit row.
 */
export async function withdrawAttestation(db: Db, actor: Actor, input: z.output<typeof withdrawSchema>, now = new Date()): Promise<ActionResult<{ withdrawnAt: string }>> {
  // Also checked by the action wrapper; repeated so no other caller can withdraw as a contributor.
  if (!can(actor.role, "vendor.submit")) return fail("forbidden", "Only a compliance officer can withdraw an attestation.");
  return db.transaction(async (tx): Promise<ActionResult<{ withdrawnAt: string }>> => {
    const [current] = await tx
      .select({ id: attestations.id, lineageId: attestations.lineageId, revision: attestations.revision, status: attestations.status })
      .from(attestations)
      .where(and(eq(attestations.id, input.attestationId), eq(attestations.organisationId, actor.organisationId)))
      .for("update");
    if (!current) return fail("not_found", "This attestation does not exist.");
    if (current.status === "withdrawn") return fail("conflict", "This attestation has already been withdrawn.");
    if (current.status !== "submitted") return fail("conflict", "Only a submitted attestation can be withdrawn.");
    const [latest] = await tx.select({ n: max(attestations.revision) }).from(attestations).where(and(eq(attestations.lineageId, current.lineageId), eq(attestations.organisationId, actor.organisationId)));
    if ((latest?.n ?? 0) > current.revision) return fail("conflict", "A newer revision of this attestation exists. Only the latest revision can be withdrawn.");
    await tx.update(attestations).set({ status: "withdrawn", updatedAt: now }).where(and(eq(attestations.id, current.id), eq(attestations.organisationId, actor.organisationId)));
    await recordAudit(tx, auditActor(actor), WITHDRAWN_ACTION, { type: "attestation", id: current.id }, { reason: input.reason, byName: actor.name, revision: current.revision, at: now.toISOString() });
    return ok({ withdrawnAt: now.toISOString() });
  });
}
