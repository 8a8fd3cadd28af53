import { appendRolloutEventViaApi } from "@/lib/rollouts/api/events";

// Authenticated by API token (Authorization: Bearer), never by session cookie.
export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return appendRolloutEventViaApi(request, (await params).id);
}
