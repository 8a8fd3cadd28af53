import { getDb } from "@/db/client";
import { openNotification } from "@/lib/notifications/queries";
import { requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

const redirectTo = (location: string) => new Response(null, { status: 303, headers: { location, "cache-control": "no-store" } });

/**
 * Opens a notification from the list: marks it read, then sends the person to
 * the page it points at. The stored link is followed only when it is a path
 * inside the portal (queries.ts). An id that is not the person's, or does not
 * exist, goes back to the list with a not-found message, the same for both.
 * A navigation started on another site never marks anything read.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireApiActor("portal.use");
  if (actor instanceof Response) return actor;
  const { id } = await params;
  const site = request.headers.get("sec-fetch-site");
  const fromThisSite = site === null || site === "same-origin" || site === "none";
  const opened = await openNotification(await getDb(), actor.userId, id, fromThisSite);
  return redirectTo(opened ? opened.target : "/notifications?missing=1");
}
