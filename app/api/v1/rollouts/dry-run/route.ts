import { refuseCrossOrigin } from "@/lib/http/early";
import { dryRunRolloutViaApi } from "@/lib/rollouts/api/dry-run";

// Authenticated by API token (Authorization: Bearer), never by session cookie. Browsers' posts
// from other sites are refused all the same (README, "Cross-site requests").
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return refuseCrossOrigin(request) ?? dryRunRolloutViaApi(request);
}
