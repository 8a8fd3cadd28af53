import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { attestations, attestationSubmissions, clarifications, memberships, panelMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { fail, type Failure } from "@/lib/result";
import { attestationInScope, scopeOf } from "./access";
import { lockFor, type LockedAttestation } from "./state";
import type { Action, Relation } from "./transitions";
import type { ClarificationStatus } from "./clarification-types";

export const QUESTION_NOT_FOUND = "This question does not exist.";

/** Domain functions parse again, whoever calls them: the same schema the form and the action used. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.output<S> } | { ok: false; result: Failure } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, result: fail("invalid", "Some fields need attention.", z.flattenError(parsed.error).fieldErrors) };
}

export type LockedThread = { id: string; panelId: string; attestationId: string; organisationId: string; controlId: string; status: ClarificationStatus };

/**
 * Finds a question the actor can see (scope in the where-clause), locks its
 * attestation and checks the step against the transition table, then locks the
 * question itself. A question the actor cannot see answers not-found, exactly
 * like an unknown id.
 */
export async function lockThread(
  tx: DbOrTx,
  actor: Actor,
  clarificationId: string,
  action: Action,
): Promise<{ ok: true; row: LockedAttestation; relation: Relation; thread: LockedThread } | { ok: false; result: Failure }> {
  const [visible] = await tx
    .select({ attestationId: clarifications.attestationId })
    .from(clarifications)
    .innerJoin(attestations, eq(attestations.id, clarifications.attestationId))
    .where(and(eq(clarifications.id, clarificationId), attestationInScope(tx, scopeOf(actor))));
  if (!visible) return { ok: false, result: fail("not_found", QUESTION_NOT_FOUND) };
  const gate = await lockFor(tx, actor, visible.attestationId, action);
  if (!gate.ok) {
    const refused = gate.result as Failure;
    return { ok: false, result: refused.code === "not_found" ? fail("not_found", QUESTION_NOT_FOUND) : refused };
  }
  const [thread] = await tx
    .select({
      id: clarifications.id,
      panelId: clarifications.panelId,
      attestationId: clarifications.attestationId,
      organisationId: clarifications.organisationId,
      controlId: clarifications.controlId,
      status: clarifications.status,
    })
    .from(clarifications)
    .where(and(eq(clarifications.id, clarificationId), eq(clarifications.attestationId, gate.row.id)))
    .for("update");
  if (!thread) return { ok: false, result: fail("not_found", QUESTION_NOT_FOUND) };
  return { ok: true, row: gate.row, relation: gate.relation, thread: { ...thread, status: thread.status as ClarificationStatus } };
}

/**
 * The control as the vendor signed it: reference and title from the
 * submission's frozen snapshot, and the product's name. Null when the control
 * is not one of the submitted controls.
 */
export async function submittedControl(tx: DbOrTx, attestationId: string, controlId: string) {
  const pick = (field: string) =>
    sql<
      string | null
    >`jsonb_path_query_first(${attestationSubmissions.snapshot}, ${`$.controls[*] ? (@.id == $id).${field}`}::jsonpath, jsonb_build_object('id', ${controlId}::text)) #>> '{}'`;
  const [row] = await tx
    .select({ ref: pick("controlId"), title: pick("title"), productName: sql<string>`${attestationSubmissions.snapshot} #>> '{product,name}'` })
    .from(attestationSubmissions)
    .where(eq(attestationSubmissions.attestationId, attestationId));
  if (!row?.ref) return null;
  return { ref: row.ref, title: row.title ?? "", productName: row.productName };
}

/** The vendor organisation's active compliance officers: the people who can answer. */
export async function vendorOfficers(tx: DbOrTx, organisationId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: users.id })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "vendor_officer"), eq(users.active, true)));
  return rows.map((r) => r.id);
}

/** The panel's seated members: declared no conflict and not removed. */
export async function seatedMembers(tx: DbOrTx, panelId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: panelMembers.userId })
    .from(panelMembers)
    .where(and(eq(panelMembers.panelId, panelId), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt)));
  return rows.map((r) => r.id);
}
