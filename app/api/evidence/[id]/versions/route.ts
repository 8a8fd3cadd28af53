import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { handleEvidenceVersionUpload } from "@/lib/evidence/new-version";
import { getBlobStore } from "@/lib/evidence/store";
import { guardUpload } from "@/lib/evidence/upload-guard";
import { versionUploadSchema } from "@/lib/validations/vendor";

export const dynamic = "force-dynamic";

/** A new version of a file item: raw body, file name in the query string. Refused before the body is read when it can be; streamed, never buffered. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const maxBytes = getConfig().uploadMaxBytes;
  const guard = await guardUpload(request, { permission: "vendor.workspace", query: versionUploadSchema, maxBytes });
  if (!guard.ok) return guard.response;
  const { id } = await params;
  return handleEvidenceVersionUpload(request, guard.actor, id, { db: await getDb(), store: getBlobStore(), maxBytes });
}
