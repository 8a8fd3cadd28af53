import "server-only";
import { promises as fsp } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import {
  parseCentralDirectory,
  readAt,
  readEndRecord,
  SIG_LOCAL,
  ZipFormatError,
  type CentralEntry,
} from "./zip-format";

/**
 * Structural safety check of an uploaded ZIP (or ZIP-based office document)
 * without extracting it: only the end records, the central directory and,
 * for OpenDocument, the tiny stored `mimetype` entry are read.
 *
 * NOTE: the entry-count, expanded-size and ratio limits are enforced on the
 * sizes *declared* in the central directory. Declared sizes can lie; that is
 * acceptable because the server never expands the archive. Anyone who does
 * expand it later (a reviewer's machine, a scanner) must enforce limits on the
 * actual bytes produced.
 */

export type OfficeKind = "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp";

export interface ZipLimits {
  maxEntries: number;
  maxExpandedBytes: number;
  /** Max uncompressed/compressed ratio, per entry and overall. Default 100. */
  maxRatio?: number;
  /** Ratios are only checked once this many uncompressed bytes are involved. Default 1 MiB. */
  ratioMinBytes?: number;
  /** Accept entries flagged as encrypted. Default false. */
  allowEncrypted?: boolean;
  /** Refuse archives whose central directory is larger than this. Default 64 MiB. */
  maxCentralDirectoryBytes?: number;
}

export type ZipInspection =
  | { ok: true; entries: number; expandedBytes: number; nestedArchives: number; officeKind?: OfficeKind }
  | { ok: false; reason: string };

const NESTED_ARCHIVE = /\.(zip|jar|war|ear|apk|7z|rar|tar|tgz|gz|bz2|xz|zst|cab)$/i;
const ODF_MIMETYPES: Readonly<Record<string, OfficeKind>> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

function pathProblem(name: string): string | null {
  if (name.length === 0) return "an entry has an empty name";
  if (name.includes("\0")) return "an entry name contains a NUL byte";
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) return `entry has an absolute path: ${JSON.stringify(name)}`;
  if (name.split(/[\\/]/).some((seg) => seg === "..")) return `entry path escapes the archive: ${JSON.stringify(name)}`;
  return null;
}

function ratioExceeded(uncompressed: number, compressed: number, maxRatio: number, minBytes: number): boolean {
  return uncompressed >= minBytes && uncompressed > maxRatio * Math.max(compressed, 1);
}

function ooxmlKind(names: ReadonlySet<string>): OfficeKind | undefined {
  if (!names.has("[Content_Types].xml")) return undefined;
  const has = (prefix: string) => [...names].some((n) => n.startsWith(prefix));
  if (has("word/")) return "docx";
  if (has("xl/")) return "xlsx";
  if (has("ppt/")) return "pptx";
  return undefined;
}

/** Reads the OpenDocument `mimetype` entry when it is stored uncompressed (as the spec requires). */
async function odfKind(fh: FileHandle, entry: CentralEntry): Promise<OfficeKind | undefined> {
  if (entry.method !== 0 || entry.compressedSize > 256) return undefined;
  const local = await readAt(fh, entry.localHeaderOffset, 30);
  if (local.length !== 30 || local.readUInt32LE(0) !== SIG_LOCAL) return undefined;
  const dataAt = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
  const data = await readAt(fh, dataAt, entry.compressedSize);
  return ODF_MIMETYPES[data.toString("latin1").trim()];
}

export async function inspectZip(path: string, limits: ZipLimits): Promise<ZipInspection> {
  const maxRatio = limits.maxRatio ?? 100;
  const ratioMinBytes = limits.ratioMinBytes ?? 1024 * 1024;
  const maxCd = limits.maxCentralDirectoryBytes ?? 64 * 1024 * 1024;
  let fh: FileHandle | undefined;
  try {
    fh = await fsp.open(path, "r");
    const { size: fileSize } = await fh.stat();
    const end = await readEndRecord(fh, fileSize);
    if (end.totalEntries > limits.maxEntries) {
      return { ok: false, reason: `archive has ${end.totalEntries} entries (limit ${limits.maxEntries})` };
    }
    if (end.cdSize > maxCd) return { ok: false, reason: "archive central directory is too large" };
    const cd = await readAt(fh, end.cdOffset, end.cdSize);
    if (cd.length !== end.cdSize) throw new ZipFormatError("truncated central directory");

    let expanded = 0;
    let compressed = 0;
    let nestedArchives = 0;
    let mimetypeEntry: CentralEntry | undefined;
    const names = new Set<string>();
    for (const e of parseCentralDirectory(cd, end.totalEntries)) {
      const problem = pathProblem(e.name);
      if (problem) return { ok: false, reason: problem };
      if (names.has(e.name)) return { ok: false, reason: `duplicate entry name: ${JSON.stringify(e.name)}` };
      names.add(e.name);
      if ((e.flags & 0x1 || e.method === 99) && !limits.allowEncrypted) {
        return { ok: false, reason: `encrypted entries are not accepted: ${JSON.stringify(e.name)}` };
      }
      if (e.versionMadeBy >> 8 === 3 && ((e.externalAttr >>> 16) & S_IFMT) === S_IFLNK) {
        return { ok: false, reason: `symbolic link entries are not accepted: ${JSON.stringify(e.name)}` };
      }
      if (e.localHeaderOffset + 30 + e.compressedSize > end.cdOffset) {
        return { ok: false, reason: `entry data lies outside the archive: ${JSON.stringify(e.name)}` };
      }
      if (ratioExceeded(e.uncompressedSize, e.compressedSize, maxRatio, ratioMinBytes)) {
        return { ok: false, reason: `entry ${JSON.stringify(e.name)} has a compression ratio above ${maxRatio} (possible zip bomb)` };
      }
      expanded += e.uncompressedSize;
      compressed += e.compressedSize;
      if (expanded > limits.maxExpandedBytes) {
        return { ok: false, reason: `archive expands to more than ${limits.maxExpandedBytes} bytes` };
      }
      if (NESTED_ARCHIVE.test(e.name)) nestedArchives++;
      if (e.name === "mimetype") mimetypeEntry = e;
    }
    if (ratioExceeded(expanded, compressed, maxRatio, ratioMinBytes)) {
      return { ok: false, reason: `archive compression ratio is above ${maxRatio} (possible zip bomb)` };
    }
    const officeKind = ooxmlKind(names) ?? (mimetypeEntry ? await odfKind(fh, mimetypeEntry) : undefined);
    const result: ZipInspection = { ok: true, entries: end.totalEntries, expandedBytes: expanded, nestedArchives };
    if (officeKind) result.officeKind = officeKind;
    return result;
  } catch (err) {
    if (err instanceof ZipFormatError) return { ok: false, reason: `not a valid ZIP archive: ${err.message}` };
    throw err;
  } finally {
    await fh?.close().catch(() => {});
  }
}
