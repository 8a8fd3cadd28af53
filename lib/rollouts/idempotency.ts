import "server-only";
import crypto from "node:crypto";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";
import { getConfig } from "@/lib/config";

export const requestHash = (method: string, path: string, body: string) =>
  crypto.createHash("sha256").update(`${method} ${path}\n${body}`, "utf8").digest("hex");

export type StoredResponse = { requestHash: string; status: number; body: unknown };

/** Keys stored before this moment are forgotten: the same key then starts a new request. */
export function idempotencyCutoff(now: Date = new Date()): Date {
  return new Date(now.getTime() - getConfig().idempotencyKeyHours * 3600_000);
}

/**
 * The first response to this key, if the key is still remembered. Keys live in PostgreSQL, so every
 * server instance answers the same. A request still in progress elsewhere has not stored its key yet
 * (it is stored in the request's own transaction): the second request then waits on the key's unique
 * index when it stores its own, and answers as the first once that commits (see the callers' catch).
 */
export async function findIdempotentResponse(db: DbOrTx, organisationId: string, key: string, now: Date = new Date()): Promise<StoredResponse | null> {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.responseStatus, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key), gt(idempotencyKeys.createdAt, idempotencyCutoff(now))));
  return row ?? null;
}

export class IdempotencyKeyTaken extends Error {
  constructor() {
    super("the Idempotency-Key was stored by a concurrent request");
    this.name = "IdempotencyKeyTaken";
  }
}

/**
 * Stored in the transaction that created the record: a clash rolls the record back too. An expired
 * row under the same key is replaced; a live one (a concurrent request that committed first) throws
 * IdempotencyKeyTaken, and the caller answers with that request's response.
 */
export async function storeIdempotentResponse(
  db: DbOrTx,
  organisationId: string,
  key: string,
  hash: string,
  status: number,
  body: unknown,
  now: Date = new Date(),
): Promise<void> {
  const stored = await db
    .insert(idempotencyKeys)
    .values({ organisationId, key, requestHash: hash, responseStatus: status, responseBody: body, createdAt: now })
    .onConflictDoUpdate({
      target: [idempotencyKeys.organisationId, idempotencyKeys.key],
      set: { requestHash: hash, responseStatus: status, responseBody: body, createdAt: now },
      setWhere: lte(idempotencyKeys.createdAt, idempotencyCutoff(now)),
    })
    .returning({ id: idempotencyKeys.id });
  if (stored.length === 0) throw new IdempotencyKeyTaken();
  if (Math.random() < 0.01) await forgetExpiredKeys(db, now);
}

/** Removes keys past their lifetime; returns how many. Run now and then by writers, and by tests. */
export async function forgetExpiredKeys(db: DbOrTx, now: Date = new Date()): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lte(idempotencyKeys.createdAt, idempotencyCutoff(now)))
    .returning({ id: idempotencyKeys.id });
  return gone.length;
}

/** For tests: every key's age moved back by `hours`. */
export async function ageIdempotencyKeys(db: DbOrTx, hours: number): Promise<void> {
  await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`${idempotencyKeys.createdAt} - make_interval(hours => ${hours})` })
    .where(sql`true`);
}
