import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { readBodyLimited } from "@/lib/http/read-body";
import { logError } from "@/lib/server/log";
import { authenticateApi } from "../api-auth";
import { findIdempotentResponse, requestHash, storeIdempotentResponse } from "../idempotency";
import { createRolloutRecord } from "../store";
import { recordView } from "./views";

export const MAX_BODY_BYTES = 1024 * 1024;
const KEY = /^[\x21-\x7e]{1,255}$/;

function replay(stored: { status: number; body: unknown }): Response {
  const id = (stored.body as { id?: string } | null)?.id;
  return jsonResponse(stored.status, stored.body, { "idempotent-replayed": "true", ...(id ? { location: `/api/v1/rollouts/${id}` } : {}) });
}

const conflictingKey = () =>
  problemResponse(422, "idempotency-key-reused", "Idempotency-Key reused", "This Idempotency-Key was already used with a different request body. Use a new key for a new request.");

/** POST /api/v1/rollouts: body `{ "productId": uuid, "record": RolloutRecord }`. */
export async function createRolloutViaApi(request: Request): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:write");
  if (caller instanceof Response) return caller;
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    return problemResponse(415, "unsupported-media-type", "Unsupported media type", "Send the record as JSON with Content-Type: application/json.");
  const key = request.headers.get("idempotency-key");
  if (key !== null && !KEY.test(key))
    return problemResponse(400, "invalid-idempotency-key", "Invalid Idempotency-Key", "Use 1 to 255 visible ASCII characters, e.g. a UUID.", {
      errors: [{ path: "header Idempotency-Key", message: "1 to 255 visible ASCII characters" }],
    });
  const read = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!read.ok) return problemResponse(413, "too-large", "Request body too large", `The body may be at most ${MAX_BODY_BYTES} bytes (1 MiB).`);

  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch (err) {
    return problemResponse(400, "malformed-json", "Malformed JSON", `The body is not valid JSON: ${(err as Error).message}`, { errors: [{ path: "(body)", message: "not valid JSON" }] });
  }
  const envelope = body as { productId?: unknown; record?: unknown } | null;
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope) || typeof envelope.productId !== "string" || envelope.record === undefined) {
    return problemResponse(422, "invalid-record", "Invalid request", 'Send an object { "productId": "<uuid>", "record": { ... } }.', {
      errors: [
        ...(typeof envelope?.productId === "string" ? [] : [{ path: "productId", message: "productId is required (the product's id)" }]),
        ...(envelope && typeof envelope === "object" && "record" in envelope ? [] : [{ path: "record", message: "record is required" }]),
      ],
    });
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
      { productId: envelope.productId, record: envelope.record, source: "api", apiTokenId: caller.tokenId },
      async (tx, created) => {
        const detail = await recordView(tx, caller.organisationId, created.id);
        responseBody = detail;
        if (key) await storeIdempotentResponse(tx, caller.organisationId, key, hash, 201, detail);
      },
    );
    if (result.ok) return jsonResponse(201, responseBody, { location: `/api/v1/rollouts/${result.id}` });
    if (result.code === "invalid")
      return problemResponse(422, "invalid-record", "Invalid rollout record", `${result.reasons.length} problem(s) in the record; nothing was stored.`, {
        errors: result.reasons.map((r) => ({ path: r.path === "(document)" ? "record" : `record.${r.path}`, message: r.message })),
      });
    if (result.code === "not_found") return problemResponse(422, "unknown-product", "Unknown product", result.message, { errors: [{ path: "productId", message: result.message }] });
    return problemResponse(409, "duplicate-release", "Release already recorded", result.message, { errors: result.reasons.map((r) => ({ path: `record.${r.path}`, message: r.message })) });
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
