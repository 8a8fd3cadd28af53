import { openApiDocument } from "@/lib/rollouts/openapi";

// Public documentation of the rollout API.
export async function GET(): Promise<Response> {
  return new Response(JSON.stringify(openApiDocument(), null, 2), { headers: { "content-type": "application/json" } });
}
