import { createRolloutViaApi } from "@/lib/rollouts/api/create";
import { listRolloutsViaApi } from "@/lib/rollouts/api/read";

// Authenticated by API token (Authorization: Bearer), never by session cookie.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return createRolloutViaApi(request);
}

export async function GET(request: Request): Promise<Response> {
  return listRolloutsViaApi(request);
}
