import "server-only";
import type { DbOrTx } from "@/db/client";
import { auditEvents } from "@/db/schema";

export type AuditActor = { userId: string | null; organisationId: string | null };

/** Records who did what. Call it with the transaction that makes the change. */
export async function recordAudit(
  db: DbOrTx,
  actor: AuditActor,
  action: string,
  target: { type: string; id?: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.insert(auditEvents).values({
    actorUserId: actor.userId,
    actorOrganisationId: actor.organisationId,
    action,
    targetType: target.type,
    targetId: target.id ?? null,
    details,
  });
}
