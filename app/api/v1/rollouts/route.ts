import { refuseCrossOrigin } from "@/lib/http/early";
import { createRolloutViaApi } from "@/lib/rollouts/api/create";
import { listRolloutsViaApi } from "@/lib/rollouts/api/read";

// Authenticated by API token (Authorization: Bearer), never by session cookie. Browsers' posts
// from other sites are refused all the same (README, "Cross-site requests").
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return refuseCrossOrigin(request) ?? createRolloutViaApi(request);
}

export async function GET(request: Request): Promise<Response> {
  return listRolloutsViaApi(request);
}
