import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { isDatabaseUnreachable } from "@/lib/server/db-errors";
import { logError } from "@/lib/server/log";
import { closing } from "@/lib/http/early";
import { problem } from "@/lib/http/problem";
import type { BlobStore } from "@/lib/storage/blob-store";
import { uploadMetaSchema } from "@/lib/validations/vendor";
import { sanitizeFileName } from "./file-name";
import { PROBLEM_TYPE as T, stageEvidenceFile } from "./stage";
import { checkUploadRequest } from "./upload-guard";
import { findByContent, recordFileEvidence } from "./vault";

export type UploadDeps = { db: Db; store: BlobStore; maxBytes: number };

/**
 * The whole upload: metadata from the query string, the raw body as the file.
 * The route runs guardUpload first (origin, session, permission, length); the
 * body checks here repeat for callers that hold an actor already.
 */
export async function handleEvidenceUpload(request: Request, actor: Actor, deps: UploadDeps): Promise<Response> {
  const check = checkUploadRequest(request, uploadMetaSchema, deps.maxBytes);
  if (!check.ok) return check.response;
  const meta = check.query;
  const fileName = sanitizeFileName(meta.fileName);
  const stage = await stageEvidenceFile(deps.store, check.body, fileName, { maxBytes: deps.maxBytes, signal: request.signal });
  // Refused mid-stream (too large, wrong type): the rest of the body is unwanted.
  if (!stage.ok) return closing(stage.response);
  const { staged, mime } = stage;
  const storedName = stage.fileName;
  try {
    const existing = await findByContent(deps.db, actor.organisationId, staged.sha256);
    if (existing) return Response.json({ existing: true, id: existing.id, title: existing.title, sha256: staged.sha256 }, { status: 200 });
    await staged.commit();
    // If the row is not written the blob stays: a concurrent upload of the same content may
    // already reference it, and deleting here would race with that. An unreferenced blob costs
    // only space and is reused by the next upload of the same bytes.
    const id = await recordFileEvidence(deps.db, actor, { ...meta, fileName: storedName }, { sha256: staged.sha256, size: staged.size, mime });
    return Response.json({ existing: false, id, sha256: staged.sha256, size: staged.size, mime }, { status: 201 });
  } catch (err) {
    // The database went away mid-upload (new requests get 503 from the database gate). The row may
    // or may not have been committed; uploading the same file again finds it if it was.
    if (isDatabaseUnreachable(err))
      return problem(
        503,
        "Service Unavailable",
        "The portal lost its database connection while storing this file, so it may not have been saved. Upload it again in a moment: if it was saved, the vault recognises it.",
      );
    const ref = logError("evidence upload", err);
    return problem(500, "Upload failed", `Something went wrong and nothing was stored. If it happens again, quote reference ${ref}.`, `${T}error`);
  } finally {
    await staged.discard();
  }
}
