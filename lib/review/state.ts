import "server-only";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { attestations } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { auditActor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/ids";
import { recordAudit } from "@/lib/server/audit";
import { fail, type ActionResult } from "@/lib/result";
import { relationTo } from "./access";
import { check, type Action, type Relation, type State } from "./transitions";
import { AUDIT_ACTION_LABELS, type AuditAction } from "@/lib/transparency/action-labels";

/** The logged action of a state change; every transition that moves an attestation has a label (a missing one is a programming error). */
function transitionAction(action: Action): AuditAction {
  const code = `attestation.${action}`;
  if (!(code in AUDIT_ACTION_LABELS)) throw new Error(`no label for the logged action ${code}: add it to lib/transparency/action-labels.ts`);
  return code as AuditAction;
}

export type LockedAttestation = {
  id: string;
  lineageId: string;
  revision: number;
  organisationId: string;
  status: State;
  stateVersion: number;
  frameworkVersionId: string;
  productId: string;
};

const NOT_FOUND = "This attestation does not exist.";

/**
 * Locks one attestation row (FOR UPDATE, inside the caller's transaction),
 * works out how the actor stands to it, and checks the action against the
 * transition table. A person who cannot see the attestation at all gets
 * not-found, exactly as for an unknown id. Two transactions taking actions on
 * the same row queue on the lock; the second sees the first's new state.
 */
export async function lockFor(
  tx: DbOrTx,
  actor: Actor,
  attestationId: string,
  action: Action,
): Promise<{ ok: true; row: LockedAttestation; relation: Relation; to: State | null } | { ok: false; result: ActionResult<never> }> {
  if (!isUuid(attestationId)) return { ok: false, result: fail("not_found", NOT_FOUND) };
  const [row] = await tx
    .select({
      id: attestations.id,
      lineageId: attestations.lineageId,
      revision: attestations.revision,
      organisationId: attestations.organisationId,
      status: attestations.status,
      stateVersion: attestations.stateVersion,
      frameworkVersionId: attestations.frameworkVersionId,
      productId: attestations.productId,
    })
    .from(attestations)
    .where(eq(attestations.id, attestationId))
    .for("update");
  if (!row) return { ok: false, result: fail("not_found", NOT_FOUND) };
  const relation = await relationTo(tx, actor, row);
  const visible = relation !== "none" || actor.role === "admin";
  // Reviewers never see drafts, even of lineages they review.
  if (!visible || (relation !== "owner" && row.status === "draft" && actor.role !== "admin")) return { ok: false, result: fail("not_found", NOT_FOUND) };
  const verdict = check(action, row.status, actor.role, relation);
  if (!verdict.ok) return { ok: false, result: fail(verdict.reason === "state" ? "conflict" : "forbidden", verdict.message) };
  return { ok: true, row, relation, to: verdict.to };
}

/**
 * Moves a locked row to its next state, bumping `state_version` with a guard
 * on the version read under the lock, and writes the audit row in the same
 * transaction.
 */
export async function moveTo(
  tx: DbOrTx,
  actor: Actor,
  row: LockedAttestation,
  action: Action,
  to: State,
  details: Record<string, unknown> = {},
  now = new Date(),
  auditAs: AuditAction = transitionAction(action),
): Promise<void> {
  const updated = await tx
    .update(attestations)
    .set({ status: to, stateVersion: row.stateVersion + 1, updatedAt: now })
    .where(and(eq(attestations.id, row.id), eq(attestations.stateVersion, row.stateVersion)))
    .returning({ id: attestations.id });
  if (updated.length !== 1) throw new Error(`attestation ${row.id} changed state under its lock`);
  await recordAudit(tx, auditActor(actor), auditAs, { type: "attestation", id: row.id }, { from: row.status, to, revision: row.revision, ...details });
}
