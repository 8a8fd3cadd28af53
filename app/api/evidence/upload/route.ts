import { getDb } from "@/db/client";
import { getConfig } from "@/lib/config";
import { getBlobStore } from "@/lib/evidence/store";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { guardUpload } from "@/lib/evidence/upload-guard";
import { uploadMetaSchema } from "@/lib/validations/vendor";

export const dynamic = "force-dynamic";

/** Raw file body, metadata in the query string. Refused before the body is read when it can be; streamed to storage, never buffered. */
export async function POST(request: Request) {
  const maxBytes = getConfig().uploadMaxBytes;
  const guard = await guardUpload(request, { permission: "vendor.workspace", query: uploadMetaSchema, maxBytes });
  if (!guard.ok) return guard.response;
  return handleEvidenceUpload(request, guard.actor, { db: await getDb(), store: getBlobStore(), maxBytes });
}
