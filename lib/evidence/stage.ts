import { formatBytes } from "@/lib/format";
import "server-only";
import { problem } from "@/lib/http/problem";
import type { BlobStore, StagedBlob, UploadSource } from "@/lib/storage/blob-store";
import { UploadAbortedError, UploadTooLargeError } from "@/lib/storage/errors";
import { fitZipName } from "./file-type";
import { sanitizeFileName } from "./file-name";
import { MIME_BY_KIND, sniffContentType } from "./sniff";
import { inspectZip } from "./zip-inspect";

export const ZIP_LIMITS = { maxEntries: 10_000, maxExpandedBytes: 2 * 1024 * 1024 * 1024, maxRatio: 100 };
export const PROBLEM_TYPE = "https://ringfence.example/problems/";
const T = PROBLEM_TYPE;

/** `fileName` is the name to store: its extension agrees with the content (one is appended when the name had none). */
export type StageOutcome = { ok: true; staged: StagedBlob; mime: string; fileName: string } | { ok: false; response: Response };

/** A size in a message to people ("10 MB"): the one formatter, never a count of bytes. */
export const mib = formatBytes;

/**
 * Streams the body into staging (hashing as it goes, never holding the file),
 * then checks the content: type by magic bytes against the allowlist, ZIPs by
 * structure. On refusal the staged data is already gone.
 */
export async function stageEvidenceFile(
  store: BlobStore,
  source: UploadSource,
  fileName: string,
  opts: { maxBytes: number; signal?: AbortSignal },
): Promise<StageOutcome> {
  let staged: StagedBlob;
  try {
    staged = await store.beginUpload(source, opts);
  } catch (err) {
    if (err instanceof UploadTooLargeError)
      return {
        ok: false,
        response: problem(413, "File too large", `Files may be at most ${mib(opts.maxBytes)}; the upload was stopped when it went past that.`, `${T}too-large`),
      };
    if (err instanceof UploadAbortedError)
      return { ok: false, response: problem(400, "Upload interrupted", "The upload was cancelled before it finished; nothing was stored.", `${T}interrupted`) };
    // A body stream that fails midway (dropped connection) lands here too: nothing was kept.
    return { ok: false, response: problem(400, "Upload interrupted", "The file did not arrive completely; nothing was stored. Try again.", `${T}interrupted`) };
  }
  const refuse = async (status: number, title: string, detail: string, type: string): Promise<StageOutcome> => {
    await staged.discard();
    return { ok: false, response: problem(status, title, detail, `${T}${type}`) };
  };
  const sniff = sniffContentType(staged.head, fileName);
  if (!sniff.ok && sniff.mismatch) return refuse(415, "File name does not match its content", sniff.reason, "name-mismatch");
  if (!sniff.ok)
    return refuse(
      415,
      "File type not accepted",
      `This file was refused: ${sniff.reason}. Accepted: PDF, PNG, JPEG, text or log, CSV, JSON, ZIP and office documents.`,
      "type-refused",
    );
  if (sniff.container !== "zip") return { ok: true, staged, mime: sniff.mime, fileName: sanitizeFileName(sniff.fileName) };
  let zip;
  try {
    zip = await inspectZip(staged.localPath, ZIP_LIMITS);
  } catch {
    return refuse(422, "Archive refused", "This archive could not be read as a valid ZIP file.", "archive-refused");
  }
  if (!zip.ok) return refuse(422, "Archive refused", `This archive was refused: ${zip.reason}.`, "archive-refused");
  // What the archive holds decides the office kind; the name must agree with it.
  const fit = fitZipName(zip.officeKind, sniff.fileName);
  if (!fit.ok) return refuse(415, "File name does not match its content", fit.reason, "name-mismatch");
  return { ok: true, staged, mime: MIME_BY_KIND[fit.kind], fileName: sanitizeFileName(fit.fileName) };
}
