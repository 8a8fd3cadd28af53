import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { logError } from "@/lib/server/log";
import { problem } from "@/lib/http/problem";
import type { BlobStore } from "@/lib/storage/blob-store";
import { uploadMetaSchema } from "@/lib/validations/vendor";
import { sanitizeFileName } from "./file-name";
import { mib, PROBLEM_TYPE as T, stageEvidenceFile } from "./stage";
import { findByContent, recordFileEvidence } from "./vault";

export type UploadDeps = { db: Db; store: BlobStore; maxBytes: number };

/** The whole upload: metadata from the query string, the raw body as the file. */
export async function handleEvidenceUpload(request: Request, actor: Actor, deps: UploadDeps): Promise<Response> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const meta = uploadMetaSchema.safeParse(params);
  if (!meta.success) {
    const detail = meta.error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join(" ");
    return problem(400, "Invalid upload details", detail, `${T}invalid`);
  }
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > deps.maxBytes) {
    return problem(413, "File too large", `Files may be at most ${mib(deps.maxBytes)}; this one is ${mib(declared)}.`, `${T}too-large`);
  }
  if (!request.body) return problem(400, "Empty upload", "The request carried no file.", `${T}invalid`);
  const fileName = sanitizeFileName(meta.data.fileName);
  const stage = await stageEvidenceFile(deps.store, request.body, fileName, { maxBytes: deps.maxBytes, signal: request.signal });
  if (!stage.ok) return stage.response;
  const { staged, mime } = stage;
  const storedName = stage.fileName;
  try {
    const existing = await findByContent(deps.db, actor.organisationId, staged.sha256);
    if (existing) return Response.json({ existing: true, id: existing.id, title: existing.title, sha256: staged.sha256 }, { status: 200 });
    const { alreadyExisted } = await staged.commit();
    try {
      const id = await recordFileEvidence(deps.db, actor, { ...meta.data, fileName: storedName }, { sha256: staged.sha256, size: staged.size, mime });
      return Response.json({ existing: false, id, sha256: staged.sha256, size: staged.size, mime }, { status: 201 });
    } catch (err) {
      // The row was not written: do not leave a file nobody references (unless it was stored before).
      if (!alreadyExisted) await deps.store.delete(staged.sha256).catch(() => {});
      throw err;
    }
  } catch (err) {
    const ref = logError("evidence upload", err);
    return problem(500, "Upload failed", `Something went wrong and nothing was stored. If it happens again, quote reference ${ref}.`, `${T}error`);
  } finally {
    await staged.discard();
  }
}
