import "server-only";
import { getDb } from "@/db/client";
import { jsonResponse, problemResponse } from "@/lib/http/problem";
import { authenticateApi } from "../api-auth";
import { listRolloutRecords } from "../queries";
import { recordView, summaryView } from "./views";

/** GET /api/v1/rollouts?productId=&limit= */
export async function listRolloutsViaApi(request: Request): Promise<Response> {
  const caller = await authenticateApi(request, "rollouts:read");
  if (caller instanceof Response) return caller;
  const params = new URL(request.url).searchParams;
  const productId = params.get("productId") ?? undefined;
  const limitText = params.get("limit");
  const limit = limitText === null ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500)
    return problemResponse(400, "invalid-parameter", "Invalid parameter", "limit must be a whole number from 1 to 500.", { errors: [{ path: "query limit", message: "1 to 500" }] });
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
