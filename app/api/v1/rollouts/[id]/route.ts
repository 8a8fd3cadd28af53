import { getRolloutViaApi } from "@/lib/rollouts/api/read";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return getRolloutViaApi(request, (await params).id);
}
