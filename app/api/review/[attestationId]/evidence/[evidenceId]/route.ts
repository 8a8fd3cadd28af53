import { Readable } from "node:stream";
import { getDb } from "@/db/client";
import { getBlobStore } from "@/lib/evidence/store";
import { contentDisposition } from "@/lib/evidence/file-name";
import { panelEvidenceFile } from "@/lib/review/scoring";
import { BlobNotFoundError } from "@/lib/storage/errors";
import { problem, requireApiActor } from "@/lib/server/route-auth";
import { recordAudit } from "@/lib/server/audit";
import { auditActor } from "@/lib/auth/actor";

export const dynamic = "force-dynamic";

/** Types a browser shows itself; everything else is only ever downloaded. */
const PREVIEW = new Set(["application/pdf", "image/png", "image/jpeg", "text/plain", "text/csv", "application/json"]);

/**
 * A file of a submission, for the seated members of its panel only: exactly
 * the version the vendor signed (or attached to an answer). `?inline=1` shows
 * PDFs, images and text in the browser, in a sandbox with no scripts.
 */
export async function GET(request: Request, { params }: { params: Promise<{ attestationId: string; evidenceId: string }> }) {
  const actor = await requireApiActor("review.use");
  if (actor instanceof Response) return actor;
  const { attestationId, evidenceId } = await params;
  const url = new URL(request.url);
  const version = url.searchParams.get("version") ?? "";
  if (!/^[1-9]\d{0,8}$/.test(version)) return problem(404, "Not found", "There is no such file in this submission.");
  const db = await getDb();
  const file = await panelEvidenceFile(db, actor, attestationId, evidenceId, Number(version));
  if (!file) return problem(404, "Not found", "There is no such file in this submission.");
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
    { type: "evidence", id: evidenceId },
    { attestation: attestationId, version: Number(version), sha256: file.sha256, inline: url.searchParams.get("inline") === "1" },
  );
  // Stored types may carry parameters ("text/plain; charset=utf-8"): judge by the type itself.
  const base = file.mime.split(";")[0]!.trim().toLowerCase();
  const inline = url.searchParams.get("inline") === "1" && PREVIEW.has(base);
  const type = inline && (base.startsWith("text/") || base === "application/json") ? "text/plain; charset=utf-8" : file.mime;
  return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": type,
      "content-length": String(file.size),
      "content-disposition": contentDisposition(file.fileName, inline ? "inline" : "attachment"),
      "x-content-type-options": "nosniff",
      // PDFs need the browser's own viewer, which a sandboxed document cannot load; they still run no page scripts.
      "content-security-policy":
        inline && base === "application/pdf"
          ? "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'"
          : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      "cache-control": "private, no-store",
      "x-evidence-sha256": file.sha256,
    },
  });
}
