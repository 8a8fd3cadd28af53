import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { closing } from "@/lib/http/early";
import { problem } from "@/lib/http/problem";
import { logError } from "@/lib/server/log";
import type { BlobStore } from "@/lib/storage/blob-store";
import { versionUploadSchema } from "@/lib/validations/vendor";
import { sanitizeFileName } from "./file-name";
import { addEvidenceVersion } from "./lifecycle";
import { getEvidence } from "./queries";
import { PROBLEM_TYPE as T, stageEvidenceFile } from "./stage";
import { checkUploadRequest } from "./upload-guard";

export type VersionUploadDeps = { db: Db; store: BlobStore; maxBytes: number };

/** A new file version of an existing item: the file name in the query string, the raw body as the file, checked like any upload. The route runs guardUpload first. */
export async function handleEvidenceVersionUpload(request: Request, actor: Actor, evidenceId: string, deps: VersionUploadDeps): Promise<Response> {
  const check = checkUploadRequest(request, versionUploadSchema, deps.maxBytes);
  if (!check.ok) return check.response;
  // Refuse an unknown, foreign, non-file or retired item before reading the body; rechecked under lock when recording.
  const item = await getEvidence(deps.db, actor.organisationId, evidenceId);
  if (!item) return closing(problem(404, "Not found", "There is no such evidence in your vault.", `${T}version-refused`));
  if (!item.sha256)
    return closing(problem(409, "Not a file", "Only file evidence has versions; this item is a link or a rollout record.", `${T}version-refused`));
  if (item.status === "retired")
    return closing(problem(409, "Retired", "This item is retired. Restore it before adding a new version.", `${T}version-refused`));
  const fileName = sanitizeFileName(check.query.fileName);
  const stage = await stageEvidenceFile(deps.store, check.body, fileName, { maxBytes: deps.maxBytes, signal: request.signal });
  // Refused mid-stream (too large, wrong type): the rest of the body is unwanted.
  if (!stage.ok) return closing(stage.response);
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
