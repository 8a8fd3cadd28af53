import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { getBlobStore } from "@/lib/evidence/store";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

/** Raw file body, metadata in the query string. Streamed to storage; never buffered. */
export async function POST(request: Request) {
  const actor = await requireApiActor("vendor.workspace");
  if (actor instanceof Response) return actor;
  return handleEvidenceUpload(request, actor, { db: await getDb(), store: getBlobStore(), maxBytes: getConfig().uploadMaxBytes });
}
