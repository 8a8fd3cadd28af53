import { getDb } from "@/db/client";
import { problem, requireApiActor } from "@/lib/server/route-auth";
import { buildReceipt } from "@/lib/transparency/receipts";

export const dynamic = "force-dynamic";

/**
 * GET: the transparency-log receipt of a signed submission (`submission`,
 * by attestation id) or a published report (`report`, by report id), as a
 * JSON download. The vendor's people and the seated panel only; 404 otherwise.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ kind: string; id: string }> }) {
  const actor = await requireApiActor("portal.use");
  if (actor instanceof Response) return actor;
  const { kind, id } = await params;
  if (kind !== "submission" && kind !== "report") return problem(404, "Not found", "There is nothing here.");
  const receipt = await buildReceipt(await getDb(), actor, kind, id);
  if (!receipt) return problem(404, "Not found", "There is no such receipt, or you may not have it.");
  return new Response(JSON.stringify(receipt, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="ringfence-receipt-${kind}-${id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
