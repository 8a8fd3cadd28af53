import { refuseCrossOrigin } from "@/lib/http/early";
import { appendRolloutEventViaApi } from "@/lib/rollouts/api/events";

// Authenticated by API token (Authorization: Bearer), never by session cookie. Browsers' posts
// from other sites are refused all the same (README, "Cross-site requests").
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return refuseCrossOrigin(request) ?? appendRolloutEventViaApi(request, (await params).id);
}
