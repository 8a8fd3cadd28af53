import { count } from "@/lib/format";
import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { logError } from "@/lib/server/log";
import { authenticateApi } from "../api-auth";
import { appendRolloutEvent } from "../append";
import { appendEventSchema } from "../append-event";
import { findIdempotentResponse, requestHash, storeIdempotentResponse } from "../idempotency";
import { conflictingKey, issuePath, readJsonRequest, replay } from "./request";
import { recordView } from "./views";

/**
 * POST /api/v1/rollouts/{id}/events: appends one event to an open record of the
 * token's organisation and answers with the updated record and analysis. An
 * Idempotency-Key is required: a retried append must never apply twice.
 */
export async function appendRolloutEventViaApi(request: Request, id: string): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:write");
  if (caller instanceof Response) return caller;
  const read = await readJsonRequest(request, { requireKey: true });
  if (read instanceof Response) return read;
  const key = read.key!;
  const parsed = appendEventSchema.safeParse(read.body);
  if (!parsed.success)
    return problemResponse(422, "invalid-event", "Invalid event", `${count(parsed.error.issues.length, "problem")} in the event; nothing was changed.`, {
      errors: parsed.error.issues.map((i) => ({ path: issuePath(i.path), message: i.message })),
    });

  const db = await getDb();
  const hash = requestHash("POST", `/api/v1/rollouts/${id}/events`, read.text);
  const stored = await findIdempotentResponse(db, caller.organisationId, key);
  if (stored) return stored.requestHash === hash ? replay(stored) : conflictingKey();
  try {
    let responseBody: unknown = null;
    const result = await appendRolloutEvent(db, { userId: null, organisationId: caller.organisationId }, id, parsed.data, async (tx) => {
      responseBody = await recordView(tx, caller.organisationId, id);
      await storeIdempotentResponse(tx, caller.organisationId, key, hash, 200, responseBody);
    });
    if (result.ok) return jsonResponse(200, responseBody);
    if (result.code === "not_found") return problemResponse(404, "not-found", "Not found", result.message);
    if (result.code === "closed") return problemResponse(409, "record-closed", "Record closed", result.message);
    return problemResponse(422, "invalid-event", "Invalid event", `${result.message} Nothing was changed.`, { errors: result.reasons });
  } catch (err) {
    // A concurrent request with the same key won the race: answer as it did.
    const again = await findIdempotentResponse(db, caller.organisationId, key).catch(() => null);
    if (again) return again.requestHash === hash ? replay(again) : conflictingKey();
    const ref = logError("POST /api/v1/rollouts/{id}/events", err);
    return problemResponse(500, "internal", "Internal error", `Nothing was changed. If it happens again, quote reference ${ref}.`);
  }
}
