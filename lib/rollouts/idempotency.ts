import "server-only";
import crypto from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { idempotencyKeys } from "@/db/schema";

export const requestHash = (method: string, path: string, body: string) =>
  crypto.createHash("sha256").update(`${method} ${path}\n${body}`, "utf8").digest("hex");

export type StoredResponse = { requestHash: string; status: number; body: unknown };

export async function findIdempotentResponse(db: DbOrTx, organisationId: string, key: string): Promise<StoredResponse | null> {
  const [row] = await db
    .select({ requestHash: idempotencyKeys.requestHash, status: idempotencyKeys.responseStatus, body: idempotencyKeys.responseBody })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.organisationId, organisationId), eq(idempotencyKeys.key, key)));
  return row ?? null;
}

/** Stored in the transaction that created the record: a unique-key clash rolls the record back too. */
export async function storeIdempotentResponse(db: DbOrTx, organisationId: string, key: string, hash: string, status: number, body: unknown): Promise<void> {
  await db.insert(idempotencyKeys).values({ organisationId, key, requestHash: hash, responseStatus: status, responseBody: body });
}
