import { formatBytes } from "@/lib/format";
import "server-only";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { readBodyLimited } from "@/lib/http/read-body";

/** Room for a record at the schema's limits (500 rings, 20,000 events is about 2 MB of JSON). */
export const MAX_BODY_MIB = 8;
export const MAX_BODY_BYTES = MAX_BODY_MIB * 1024 * 1024;
const KEY = /^[\x21-\x7e]{1,255}$/;

export type JsonRequest = { body: unknown; text: string; key: string | null };

/**
 * The checks every JSON route of the API makes before looking at the body:
 * media type, Idempotency-Key syntax (and presence, when required), size, JSON.
 * Returns the parsed body or the problem response to send.
 */
export async function readJsonRequest(request: Request, options: { requireKey?: boolean } = {}): Promise<JsonRequest | Response> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type))
    return problemResponse(415, "unsupported-media-type", "Unsupported media type", "Send the body as JSON with Content-Type: application/json.");
  const key = request.headers.get("idempotency-key");
  if ((key === null && options.requireKey) || (key !== null && !KEY.test(key)))
    return problemResponse(
      400,
      "invalid-idempotency-key",
      "Invalid Idempotency-Key",
      `${key === null ? "This operation needs an Idempotency-Key header. " : ""}Use 1 to 255 visible ASCII characters, e.g. a UUID.`,
      {
        errors: [{ path: "header Idempotency-Key", message: key === null ? "Send an Idempotency-Key header." : "Use 1 to 255 visible ASCII characters." }],
      },
    );
  const read = await readBodyLimited(request, MAX_BODY_BYTES);
  if (!read.ok) return problemResponse(413, "too-large", "Request body too large", `The body may be at most ${formatBytes(MAX_BODY_BYTES)}.`);
  try {
    return { body: JSON.parse(read.text) as unknown, text: read.text, key };
  } catch (err) {
    return problemResponse(400, "malformed-json", "Malformed JSON", `The body is not valid JSON: ${(err as Error).message}`, {
      errors: [{ path: "(body)", message: "The body is not valid JSON." }],
    });
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first response to a request with this Idempotency-Key, sent again. */
export function replay(stored: { status: number; body: unknown }): Response {
  const id = (stored.body as { id?: string } | null)?.id;
  return jsonResponse(stored.status, stored.body, { "idempotent-replayed": "true", ...(id ? { location: `/api/v1/rollouts/${id}` } : {}) });
}

export const conflictingKey = () =>
  problemResponse(
    422,
    "idempotency-key-reused",
    "Idempotency-Key reused",
    "This Idempotency-Key was already used with a different request body. Use a new key for a new request.",
  );

/** zod issue paths as the API reports them: "gate.threshold", "rings[2].name". */
export const issuePath = (path: PropertyKey[]) => path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("") || "(body)";
