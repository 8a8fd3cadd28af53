import "server-only";
import { and, eq, max } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { attestations } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { lockFor, moveTo } from "@/lib/review/state";
import { fail, ok, type ActionResult } from "@/lib/result";
import type { withdrawSchema } from "@/lib/validations/vendor";
import { WITHDRAWN_ACTION } from "./withdrawals";

/**
 * Ends the signed statement's hold on later versions. Only the latest revision,
 * while submitted or in review; the submission row (snapshot, digest) is left
 * exactly as signed, so verification still matches. Who, when and why are
 * columns of the attestation, and are also in the audit row.
 */
export async function withdrawAttestation(
  db: Db,
  actor: Actor,
  input: z.output<typeof withdrawSchema>,
  now = new Date(),
): Promise<ActionResult<{ withdrawnAt: string }>> {
  // Also checked by the action wrapper; repeated so no other caller can withdraw as a contributor.
  if (!can(actor.role, "vendor.submit")) return fail("forbidden", "Only a compliance officer can withdraw an attestation.");
  return db.transaction(async (tx): Promise<ActionResult<{ withdrawnAt: string }>> => {
    const [current] = await tx
      .select({ id: attestations.id, lineageId: attestations.lineageId, revision: attestations.revision, status: attestations.status })
      .from(attestations)
      .where(and(eq(attestations.id, input.attestationId), eq(attestations.organisationId, actor.organisationId)));
    if (!current) return fail("not_found", "This attestation does not exist.");
    if (current.status === "withdrawn") return fail("conflict", "This attestation has already been withdrawn.");
    const gate = await lockFor(tx, actor, current.id, "withdraw");
    if (!gate.ok) return gate.result;
    const [latest] = await tx
      .select({ n: max(attestations.revision) })
      .from(attestations)
      .where(and(eq(attestations.lineageId, current.lineageId), eq(attestations.organisationId, actor.organisationId)));
    if ((latest?.n ?? 0) > current.revision) return fail("conflict", "A newer revision of this attestation exists. Only the latest revision can be withdrawn.");
    await moveTo(tx, actor, gate.row, "withdraw", "withdrawn", { reason: input.reason }, now, WITHDRAWN_ACTION);
    await tx
      .update(attestations)
      .set({ withdrawnAt: now, withdrawnBy: actor.userId, withdrawnByName: actor.name, withdrawnReason: input.reason })
      .where(and(eq(attestations.id, current.id), eq(attestations.organisationId, actor.organisationId)));
    return ok({ withdrawnAt: now.toISOString() });
  });
}
