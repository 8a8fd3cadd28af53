import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { getBlobStore } from "@/lib/evidence/store";
import { contentDisposition } from "@/lib/evidence/file-name";
import { getEvidence, getVersionFile } from "@/lib/evidence/queries";
import { BlobNotFoundError } from "@/lib/storage/errors";
import { problem, requireApiActor } from "@/lib/server/route-auth";
import { recordAudit } from "@/lib/server/audit";
import { auditActor } from "@/lib/auth/actor";

export const dynamic = "force-dynamic";

type StoredFile = { fileName: string | null; sha256: string; size: number | null; mime: string | null };

/**
 * Only vendor roles of the owning organisation (reviewers come later); always a download, never rendered.
 * `?version=N` gives an earlier version of a replaced file, as signed submissions recorded it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireApiActor("vendor.workspace");
  if (actor instanceof Response) return actor;
  const { id } = await params;
  const db = await getDb();
  const version = new URL(request.url).searchParams.get("version");
  let file: StoredFile | null;
  if (version !== null) {
    if (!/^[1-9]\d{0,8}$/.test(version)) return problem(400, "Invalid version", "The version must be a whole number from 1.");
    file = await getVersionFile(db, actor.organisationId, id, Number(version));
    if (!file) return problem(404, "Not found", "There is no such version of this evidence in your vault.");
  } else {
    const item = await getEvidence(db, actor.organisationId, id);
    if (!item) return problem(404, "Not found", "There is no such evidence in your vault.");
    if (!item.sha256) return problem(409, "Not a file", "This evidence is a link, not a file: open it at its address.");
    file = { fileName: item.fileName, sha256: item.sha256, size: item.size, mime: item.mime };
  }
  let stream: Readable;
  try {
    stream = await getBlobStore().openRead(file.sha256);
  } catch (err) {
    if (err instanceof BlobNotFoundError) return problem(410, "File missing", "The stored file for this evidence is missing. Tell the portal operator.");
    throw err;
  }
  await recordAudit(
    db,
    auditActor(actor),
    "evidence.downloaded",
    { type: "evidence", id },
    { sha256: file.sha256, ...(version !== null ? { version: Number(version) } : {}) },
  );
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": file.mime ?? "application/octet-stream",
      "content-length": String(file.size ?? ""),
      "content-disposition": contentDisposition(file.fileName ?? "evidence"),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
    },
  });
}
