import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/session";
import { problem } from "@/lib/http/problem";
import { logError } from "@/lib/server/log";
import type { BlobStore } from "@/lib/storage/blob-store";
import { versionUploadSchema } from "@/lib/validations/vendor";
import { sanitizeFileName } from "./file-name";
import { addEvidenceVersion } from "./lifecycle";
import { mib, PROBLEM_TYPE as T, stageEvidenceFile } from "./stage";

export type VersionUploadDeps = { db: Db; store: BlobStore; maxBytes: number };

/** A new file version of an existing item: the file name in the query string, the raw body as the file, checked like any upload. */
export async function handleEvidenceVersionUpload(request: Request, actor: Actor, evidenceId: string, deps: VersionUploadDeps): Promise<Response> {
  const meta = versionUploadSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
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
  try {
    await staged.commit();
    const outcome = await addEvidenceVersion(deps.db, actor, evidenceId, fileName, { sha256: staged.sha256, size: staged.size, mime });
    // A refused version leaves the committed file unreferenced; it is not deleted, because the same content may belong to another item.
    if (!outcome.ok) return problem(outcome.status, outcome.title, outcome.detail, `${T}version-refused`);
    return Response.json({ id: evidenceId, version: outcome.version, sha256: staged.sha256, size: staged.size, mime }, { status: 201 });
  } catch (err) {
    const ref = logError("evidence version upload", err);
    return problem(500, "Upload failed", `Something went wrong and no new version was recorded. If it happens again, quote reference ${ref}.`, `${T}error`);
  } finally {
    await staged.discard();
  }
}
