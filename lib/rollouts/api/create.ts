import { count } from "@/lib/format";
import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { logError } from "@/lib/server/log";
import { authenticateApi } from "../api-auth";
import { findIdempotentResponse, requestHash, storeIdempotentResponse } from "../idempotency";
import { createRolloutRecord } from "../store";
import { conflictingKey, isObject, readJsonRequest, replay } from "./request";
import { recordView } from "./views";

export { MAX_BODY_BYTES } from "./request";

/** POST /api/v1/rollouts: body `{ "productId": uuid, "state"?: "open" | "closed", "record": RolloutRecord }`. */
export async function createRolloutViaApi(request: Request): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:write");
  if (caller instanceof Response) return caller;
  const read = await readJsonRequest(request);
  if (read instanceof Response) return read;
  const { key } = read;
  const envelope = read.body;
  // Absent means closed; null is not a state (createRolloutBodySchema: "open" | "closed", default "closed").
  const state = isObject(envelope) ? (envelope.state === undefined ? "closed" : envelope.state) : undefined;
  if (!isObject(envelope) || typeof envelope.productId !== "string" || envelope.record === undefined || (state !== "open" && state !== "closed")) {
    return problemResponse(
      422,
      "invalid-record",
      "Invalid request",
      'Send an object { "productId": "<uuid>", "state": "open" | "closed" (optional), "record": { ... } }.',
      {
        errors: [
          ...(isObject(envelope) && typeof envelope.productId === "string" ? [] : [{ path: "productId", message: "Give productId, the product's id." }]),
          ...(isObject(envelope) && "record" in envelope ? [] : [{ path: "record", message: "Give the record." }]),
          ...(state === undefined || state === "open" || state === "closed" ? [] : [{ path: "state", message: 'The state must be "open" or "closed".' }]),
        ],
      },
    );
  }

  const db = await getDb();
  const hash = requestHash("POST", "/api/v1/rollouts", read.text);
  if (key) {
    const stored = await findIdempotentResponse(db, caller.organisationId, key);
    if (stored) return stored.requestHash === hash ? replay(stored) : conflictingKey();
  }
  try {
    let responseBody: unknown = null;
    const result = await createRolloutRecord(
      db,
      { userId: null, organisationId: caller.organisationId },
      { productId: envelope.productId, record: envelope.record, source: "api", apiTokenId: caller.tokenId, state },
      async (tx, created) => {
        const detail = await recordView(tx, caller.organisationId, created.id);
        responseBody = detail;
        if (key) await storeIdempotentResponse(tx, caller.organisationId, key, hash, 201, detail);
      },
    );
    if (result.ok) return jsonResponse(201, responseBody, { location: `/api/v1/rollouts/${result.id}` });
    if (result.code === "invalid")
      return problemResponse(422, "invalid-record", "Invalid rollout record", `${count(result.reasons.length, "problem")} in the record; nothing was stored.`, {
        errors: result.reasons.map((r) => ({ path: r.path === "(document)" ? "record" : `record.${r.path}`, message: r.message })),
      });
    if (result.code === "not_found")
      return problemResponse(422, "unknown-product", "Unknown product", result.message, { errors: [{ path: "productId", message: result.message }] });
    return problemResponse(409, "duplicate-release", "Release already recorded", result.message, {
      errors: result.reasons.map((r) => ({ path: `record.${r.path}`, message: r.message })),
    });
  } catch (err) {
    // A concurrent request with the same key won the race: answer as it did.
    if (key) {
      const stored = await findIdempotentResponse(db, caller.organisationId, key).catch(() => null);
      if (stored) return stored.requestHash === hash ? replay(stored) : conflictingKey();
    }
    const ref = logError("POST /api/v1/rollouts", err);
    return problemResponse(500, "internal", "Internal error", `Nothing was stored. If it happens again, quote reference ${ref}.`);
  }
}
