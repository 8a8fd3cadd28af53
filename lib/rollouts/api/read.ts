import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { authenticateApi } from "../api-auth";
import { listRolloutRecords } from "../queries";
import { recordView, summaryView } from "./views";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /api/v1/rollouts?productId=&limit= (the OpenAPI document: productId a UUID, limit an integer 1–500). */
export async function listRolloutsViaApi(request: Request): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:read");
  if (caller instanceof Response) return caller;
  const params = new URL(request.url).searchParams;
  const productId = params.get("productId") ?? undefined;
  const limitText = params.get("limit");
  // Digits only: Number() would also take "0x10", "1e2", " 5" or "".
  const limit = limitText === null ? 100 : /^\d+$/.test(limitText) ? Number(limitText) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    return problemResponse(400, "invalid-parameter", "Invalid parameter", "limit must be a whole number from 1 to 500.", {
      errors: [{ path: "query limit", message: "The limit must be a whole number from 1 to 500." }],
    });
  if (productId !== undefined && !UUID.test(productId))
    return problemResponse(400, "invalid-parameter", "Invalid parameter", "productId must be a product's id (a UUID).", {
      errors: [{ path: "query productId", message: "The productId must be a product's id (a UUID)." }],
    });
  const rows = await listRolloutRecords(await getDb(), caller.organisationId, { productId, limit });
  return jsonResponse(200, { items: rows.map(summaryView) });
}

/** GET /api/v1/rollouts/{id}: another organisation's record answers 404, like an unknown id. */
export async function getRolloutViaApi(request: Request, id: string): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:read");
  if (caller instanceof Response) return caller;
  const view = await recordView(await getDb(), caller.organisationId, id);
  if (!view) return problemResponse(404, "not-found", "Not found", "There is no rollout record with this id in your organisation.");
  return jsonResponse(200, view);
}
