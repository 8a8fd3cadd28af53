import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { handleEvidenceVersionUpload } from "@/lib/evidence/new-version";
import { getBlobStore } from "@/lib/evidence/store";
import { requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

/** Uploads a new version of a file item: raw body, file name in the query string. Streamed; never buffered. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireApiActor("vendor.workspace");
  if (actor instanceof Response) return actor;
  const { id } = await params;
  return handleEvidenceVersionUpload(request, actor, id, { db: await getDb(), store: getBlobStore(), maxBytes: getConfig().uploadMaxBytes });
}
