import { dryRunRolloutViaApi } from "@/lib/rollouts/api/dry-run";

// Authenticated by API token (Authorization: Bearer), never by session cookie.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return dryRunRolloutViaApi(request);
}
