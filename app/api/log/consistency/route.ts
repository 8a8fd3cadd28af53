import { getDb } from "@/db/client";
import { problem } from "@/lib/http/problem";
import { proveConsistency } from "@/lib/transparency/log";
import { eq, or } from "drizzle-orm";
import { logCheckpoints } from "@/db/schema";

export const dynamic = "force-dynamic";

/**
 * Public: the RFC 9162 consistency proof between two signed checkpoints
 * (`?from=<size>&to=<size>`), so a copy kept outside can be checked against a newer one.
 */
export async function GET(request: Request) {
  const q = new URL(request.url).searchParams;
  const from = q.get("from");
  const to = q.get("to");
  if (!from || !to || !/^(0|[1-9][0-9]{0,15})$/.test(from) || !/^[1-9][0-9]{0,15}$/.test(to) || Number(from) > Number(to))
    return problem(400, "Bad request", "from and to must be tree sizes of signed checkpoints, from ≤ to.");
  const db = await getDb();
  const known = await db
    .select({ size: logCheckpoints.treeSize })
    .from(logCheckpoints)
    .where(or(eq(logCheckpoints.treeSize, Number(from)), eq(logCheckpoints.treeSize, Number(to))));
  const sizes = new Set(known.map((k) => Number(k.size)));
  if ((Number(from) !== 0 && !sizes.has(Number(from))) || !sizes.has(Number(to)))
    return problem(404, "Not found", "Both sizes must be those of signed checkpoints (see /api/log/checkpoints).");
  return Response.json({ from: Number(from), to: Number(to), proof: await proveConsistency(db, Number(from), Number(to)) });
}
