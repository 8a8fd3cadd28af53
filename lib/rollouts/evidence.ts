import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceItems } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { getRolloutRecord } from "./queries";

/**
 * Puts a rollout record into the organisation's evidence vault, once; a second
 * call returns the existing item. Null when the record is not the organisation's.
 */
export async function addRolloutToEvidence(
  db: Db,
  actor: AuditActor & { organisationId: string },
  rolloutId: string,
): Promise<{ evidenceId: string; created: boolean } | null> {
  const record = await getRolloutRecord(db, actor.organisationId, rolloutId);
  if (!record) return null;
  return db.transaction(async (tx) => {
    // One vault item per record (a unique index): a concurrent second call finds the first one's item.
    const [row] = await tx
      .insert(evidenceItems)
      .values({
        organisationId: actor.organisationId,
        kind: "rollout_record",
        title: `Rollout of ${record.productName} ${record.releaseId} (${record.version})`,
        description: `Rollout record with automatic analysis${record.worstSeverity ? `; worst finding: ${record.worstSeverity}` : "; no findings"}.`,
        evidenceDate: record.releasedAt.toISOString().slice(0, 10),
        rolloutRecordId: record.id,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .onConflictDoNothing({ target: [evidenceItems.organisationId, evidenceItems.rolloutRecordId] })
      .returning({ id: evidenceItems.id });
    if (!row) {
      const [existing] = await tx
        .select({ id: evidenceItems.id })
        .from(evidenceItems)
        .where(and(eq(evidenceItems.organisationId, actor.organisationId), eq(evidenceItems.rolloutRecordId, record.id)));
      if (!existing) throw new Error("rollout evidence item neither inserted nor found");
      return { evidenceId: existing.id, created: false };
    }
    await recordAudit(tx, actor, "evidence.created", { type: "evidence", id: row.id }, { kind: "rollout_record", rolloutRecordId: record.id });
    return { evidenceId: row.id, created: true };
  });
}
