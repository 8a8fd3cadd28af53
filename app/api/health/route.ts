import { getDbHandle } from "@/db/client";
import { getConfig } from "@/lib/config";
import { processAvailability } from "@/lib/server/availability";
import { checkHealth } from "@/lib/server/health";
import { APP_VERSION } from "@/lib/version";

export const dynamic = "force-dynamic";

/** Public: for load balancers and operators. Says nothing about data. */
export async function GET() {
  // On PostgreSQL the database gate's shared probe answers first: quick while the database is down or hung.
  const gate = processAvailability();
  const health = await checkHealth(getDbHandle, APP_VERSION, getConfig().database.kind, 3000, gate && (() => gate.available()));
  return Response.json(health, { status: health.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
