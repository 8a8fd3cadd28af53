import { getDb } from "@/db/client";
import { problem } from "@/lib/http/problem";
import { listCheckpoints } from "@/lib/transparency/log";

export const dynamic = "force-dynamic";

/**
 * Public: signed checkpoints, newest first, 100 at a time (`?before=<tree size>`
 * for older ones), each with the consistency proof from the one before it.
 */
export async function GET(request: Request) {
  const before = new URL(request.url).searchParams.get("before");
  if (before !== null && !/^[1-9][0-9]{0,15}$/.test(before)) return problem(400, "Bad request", "before must be a tree size (a positive whole number).");
  const list = await listCheckpoints(await getDb(), 100, before === null ? undefined : Number(before));
  return Response.json(
    {
      checkpoints: list.map((c) => ({
        treeSize: c.treeSize,
        rootHash: c.rootHash,
        previousSize: c.previousSize,
        consistencyProof: c.consistencyProof,
        note: c.note,
      })),
    },
    { headers: { "Cache-Control": "no-cache" } },
  );
}
