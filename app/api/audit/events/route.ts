import { getDb } from "@/db/client";
import { problem, requireApiActor } from "@/lib/server/route-auth";
import { listEvents } from "@/lib/transparency/queries";
import { auditFilterSchema } from "@/lib/validations/audit";

export const dynamic = "force-dynamic";

/**
 * GET: log events as JSON for administrators and government auditors, with the
 * audit page's filters plus `after=<seq>` (oldest first from there, to follow
 * the log) and `limit` (1–1000, default 100). Without `after`, newest first.
 */
export async function GET(request: Request) {
  const actor = await requireApiActor("audit.read");
  if (actor instanceof Response) return actor;
  const q = Object.fromEntries(new URL(request.url).searchParams);
  const { limit: rawLimit, ...rest } = q;
  // Digits only: Number() would also take " 5", "1e2" or "0x10".
  const limit = rawLimit === undefined ? 100 : /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return problem(400, "Bad request", "limit must be a whole number from 1 to 1000.");
  const parsed = auditFilterSchema.safeParse(rest);
  if (!parsed.success) return problem(400, "Bad request", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const { rows } = await listEvents(await getDb(), parsed.data, { oldestFirst: parsed.data.after !== undefined, limit });
  return Response.json(
    {
      events: rows.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: { user: e.actorUserId, organisation: e.actorOrganisationId, role: e.actorRole },
        client: e.clientAddress,
        action: e.action,
        object: { type: e.targetType, id: e.targetId },
        detail: e.details,
        leafHash: e.leafHash,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}
