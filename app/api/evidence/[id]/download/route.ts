import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { getBlobStore } from "@/lib/evidence/store";
import { contentDisposition } from "@/lib/evidence/file-name";
import { getEvidence } from "@/lib/evidence/vault";
import { BlobNotFoundError } from "@/lib/storage/errors";
import { problem, requireApiActor } from "@/lib/server/route-auth";

export const dynamic = "force-dynamic";

/** Only vendor roles of the owning organisation (reviewers come later); always a download, never rendered. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await requireApiActor("vendor.workspace");
  if (actor instanceof Response) return actor;
  const { id } = await params;
  const item = await getEvidence(await getDb(), actor.organisationId, id);
  if (!item) return problem(404, "Not found", "There is no such evidence in your vault.");
  if (!item.sha256) return problem(409, "Not a file", "This evidence is a link, not a file: open it at its address.");
  let stream: Readable;
  try {
    stream = await getBlobStore().openRead(item.sha256);
  } catch (err) {
    if (err instanceof BlobNotFoundError) return problem(410, "File missing", "The stored file for this evidence is missing. Tell the portal operator.");
    throw err;
  }
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": item.mime ?? "application/octet-stream",
      "content-length": String(item.size ?? ""),
      "content-disposition": contentDisposition(item.fileName ?? "evidence"),
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox; default-src 'none'",
      "cache-control": "private, no-store",
    },
  });
}
