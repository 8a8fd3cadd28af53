import "server-only";
import { and, eq } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { products, rolloutRecords } from "@/db/schema";
import { recordAudit, type AuditActor } from "@/lib/server/audit";
import { analyseRollout, checkRolloutRecord, type RolloutCheckReason } from "./analysis";
import { analysisColumns, recordAnalysisHistory } from "./history";
import { currentThresholds } from "./thresholds";

export { getRolloutRecord, listRolloutRecords, type RolloutDetail, type RolloutSummary } from "./queries";

/** Who creates a record: a person (form, upload) or an API token; the organisation always comes from the session or token. */
export type RolloutActor = AuditActor & { organisationId: string };

export type CreateRolloutInput = {
  productId: string;
  record: unknown;
  source: "form" | "upload" | "api";
  apiTokenId?: string | null;
  /** "open" when a pipeline will append to it as the rollout proceeds; closed by default. */
  state?: "open" | "closed";
};

export type CreateRolloutResult =
  | { ok: true; id: string; worstSeverity: string | null }
  | { ok: false; code: "invalid"; message: string; reasons: RolloutCheckReason[] }
  | { ok: false; code: "not_found" | "conflict"; message: string; reasons: RolloutCheckReason[] };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** PostgreSQL unique violation, as either driver reports it. */
function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Validates, analyses against the current framework thresholds and stores one
 * record for a product of the actor's organisation, with its audit row. `inTx`
 * runs in the same transaction (the API stores its idempotency key there).
 */
export async function createRolloutRecord(
  db: Db,
  actor: RolloutActor,
  input: CreateRolloutInput,
  inTx?: (tx: Tx, created: { id: string; worstSeverity: string | null }) => Promise<void>,
): Promise<CreateRolloutResult> {
  const notFound: CreateRolloutResult = {
    ok: false,
    code: "not_found",
    message: "No such product in your organisation.",
    reasons: [{ path: "productId", message: "There is no such product in your organisation." }],
  };
  if (!UUID.test(input.productId)) return notFound;
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(and(eq(products.id, input.productId), eq(products.organisationId, actor.organisationId)));
  if (!product) return notFound;

  const checked = checkRolloutRecord(input.record);
  if (!checked.ok) return { ok: false, code: "invalid", message: "The rollout record is not valid.", reasons: checked.reasons };
  const record = checked.record;
  const conflict: CreateRolloutResult = {
    ok: false,
    code: "conflict",
    message: `This product already has a record for release "${record.releaseId}".`,
    reasons: [{ path: "releaseId", message: `Release "${record.releaseId}" is already recorded for this product.` }],
  };
  const [existing] = await db
    .select({ id: rolloutRecords.id })
    .from(rolloutRecords)
    .where(and(eq(rolloutRecords.productId, product.id), eq(rolloutRecords.releaseId, record.releaseId)));
  if (existing) return conflict;

  const policy = await currentThresholds(db);
  const analysis = policy ? analyseRollout(record, policy.thresholds) : null;
  try {
    return await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(rolloutRecords)
        .values({
          organisationId: actor.organisationId,
          productId: product.id,
          releaseId: record.releaseId,
          version: record.version,
          channel: record.channel,
          kernelMode: record.kernelMode,
          releasedAt: new Date(record.releasedAt),
          record: record as unknown as Record<string, unknown>,
          ...analysisColumns(analysis, policy?.frameworkVersionId ?? null),
          state: input.state ?? "closed",
          source: input.source,
          createdBy: actor.userId,
          apiTokenId: input.apiTokenId ?? null,
        })
        .returning({ id: rolloutRecords.id });
      if (!row) throw new Error("insert returned no row");
      const created = { id: row.id, worstSeverity: analysis?.worstSeverity ?? null };
      await recordAudit(
        tx,
        actor,
        "rollout_record.created",
        { type: "rollout_record", id: row.id },
        {
          productId: product.id,
          releaseId: record.releaseId,
          source: input.source,
          apiTokenId: input.apiTokenId ?? null,
          worstSeverity: created.worstSeverity,
          state: input.state ?? "closed",
        },
      );
      await recordAnalysisHistory(tx, actor, row.id, "created", analysis, policy?.frameworkVersionId ?? null);
      if (inTx) await inTx(tx, created);
      return { ok: true as const, ...created };
    });
  } catch (err) {
    // Another request stored the same release between our check and insert.
    if (isUniqueViolation(err) && !inTx) return conflict;
    throw err;
  }
}
