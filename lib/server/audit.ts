import type { AuditAction } from "@/lib/transparency/action-labels";
import "server-only";
import type { DbOrTx } from "@/db/client";
import { clientAddressFrom } from "@/lib/auth/request-address";
import { appendEvent } from "@/lib/transparency/log";

/** Who acted: a person (by id, never by name or e-mail) in an organisation and role, or the system (all null). */
export type AuditActor = { userId: string | null; organisationId: string | null; role?: string | null };

export const SYSTEM_ACTOR: AuditActor = { userId: null, organisationId: null, role: null };

/** The client address of the request being served, or null outside one (scripts, workers). */
async function requestClientAddress(): Promise<string | null> {
  try {
    const { headers } = await import("next/headers");
    return clientAddressFrom(await headers());
  } catch {
    return null;
  }
}

/**
 * Appends an event to the transparency log. Call it with the transaction that
 * makes the change, as its last step where possible (the log counter stays
 * locked until that transaction ends). Details must be JSON and must not carry
 * names or e-mail addresses: people are referenced by id.
 */
export async function recordAudit(
  db: DbOrTx,
  actor: AuditActor,
  action: AuditAction,
  target: { type: string; id?: string | null },
  details: Record<string, unknown> = {},
  options: { clientAddress?: string | null } = {},
): Promise<{ seq: number }> {
  const clientAddress = options.clientAddress !== undefined ? options.clientAddress : await requestClientAddress();
  return appendEvent(db, { actor, clientAddress, action, target, details });
}
