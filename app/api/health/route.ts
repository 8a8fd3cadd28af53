import { getDbHandle } from "@/db/client";
import { getConfig } from "@/lib/config";
import { checkHealth } from "@/lib/server/health";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/** Public: for load balancers and operators. Says nothing about data. */
export async function GET() {
  const health = await checkHealth(getDbHandle, APP_VERSION, getConfig().database.kind);
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
