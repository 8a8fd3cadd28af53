import "server-only";
import { promises as fsp } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import type { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile } from "yauzl";
import { escapeForLog } from "@/lib/server/log";
import { BoundedReader } from "./zip-reader";

/**
 * Safety check of an uploaded ZIP (or ZIP-based office document). yauzl reads
 * the format; the portal's policy sits on top. Every entry is inflated and the
 * bytes the inflate stream actually produces are counted: limits are enforced
 * on those counts, chunk by chunk, and the inflation stops the moment one is
 * passed. Sizes declared in headers are never trusted (yauzl also refuses an
 * entry that inflates to a different size than declared).
 *
 * Entries that are themselves ZIPs (by content, not name) are opened in turn,
 * up to `maxDepth` levels below the upload, and their entries and bytes count
 * toward the same totals. ZIP needs random access, so a nested archive is held
 * in memory while it is read: at most `maxNestedArchiveBytes` per level (and
 * never more than the expanded-bytes budget left), so at most
 * maxDepth × maxNestedArchiveBytes per upload. Nothing is written to disk.
 */

export type OfficeKind = "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp";

export interface ZipLimits {
  /** Entries in total, nested archives' entries included. */
  maxEntries: number;
  /** Bytes produced by inflating every entry, nested archives' entries included. */
  maxExpandedBytes: number;
  /** Max produced/compressed ratio, per entry and for the whole upload. Default 100. */
  maxRatio?: number;
  /** Ratios are only checked once this many bytes have been produced. Default 1 MiB. */
  ratioMinBytes?: number;
  /** Levels of archives inside the upload that are opened (1 = a zip in the zip). Default 2; deeper is refused. */
  maxDepth?: number;
  /** Largest nested archive held in memory to be opened. Default 16 MiB. */
  maxNestedArchiveBytes?: number;
}

export type ZipInspection =
  { ok: true; entries: number; expandedBytes: number; nestedArchives: number; officeKind?: OfficeKind } | { ok: false; reason: string };

type Policy = Required<ZipLimits> & { uploadBytes: number };
type Totals = { entries: number; expanded: number; nested: number };

class Refusal extends Error {}

const ODF_MIMETYPES: Readonly<Record<string, OfficeKind>> = {
  "application/vnd.oasis.opendocument.text": "odt",
  "application/vnd.oasis.opendocument.spreadsheet": "ods",
  "application/vnd.oasis.opendocument.presentation": "odp",
};
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MIB = 1024 * 1024;
const YAUZL_OPTIONS = { autoClose: false, lazyEntries: true, validateEntrySizes: true, decodeStrings: true, strictFileNames: false } as const;

function openArchive(source: { fd: number } | { buffer: Buffer }, size: number): Promise<ZipFile> {
  return yauzl.fromRandomAccessReaderPromise(new BoundedReader(source, size), size, YAUZL_OPTIONS);
}

const quote = (name: string) => JSON.stringify(name);

function isZipMagic(b: Buffer): boolean {
  return b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 3 && b[3] === 4) || (b[2] === 5 && b[3] === 6));
}

/** yauzl's own refusals (unsafe names, sizes that disagree with the header) as reasons a person can act on. */
function readerReason(err: Error): string {
  const msg = escapeForLog(err.message);
  if (/^(absolute path|invalid relative path|invalid characters in fileName)/.test(msg)) return `an entry path is unsafe (${msg})`;
  if (/bytes in the stream/.test(msg)) return `an entry inflates to a different size than its header declares (${msg})`;
  return `not a valid ZIP archive: ${msg}`;
}

function checkEntry(e: Entry, names: Set<string>): void {
  const name = e.fileName;
  if (name.length === 0) throw new Refusal("an entry has an empty name");
  if (name.includes("\0")) throw new Refusal("an entry name contains a NUL byte");
  if (/^[\\/]/.test(name) || /^[A-Za-z]:/.test(name)) throw new Refusal(`entry has an absolute path: ${quote(name)}`);
  if (name.split(/[\\/]/).some((seg) => seg === "..")) throw new Refusal(`entry path escapes the archive: ${quote(name)}`);
  if (names.has(name)) throw new Refusal(`duplicate entry name: ${quote(name)}`);
  names.add(name);
  if (e.isEncrypted()) throw new Refusal(`encrypted entries are not accepted: ${quote(name)}`);
  if (e.versionMadeBy >> 8 === 3 && ((e.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) {
    throw new Refusal(`symbolic link entries are not accepted: ${quote(name)}`);
  }
  if (!e.canDecodeFileData()) throw new Refusal(`entry ${quote(name)} uses a compression method that is not accepted (${e.compressionMethod})`);
}

/** Inflates one entry, counting produced bytes; returns the entry's bytes only when it is a nested archive (or a short `mimetype`). */
async function measure(stream: Readable, e: Entry, depth: number, p: Policy, t: Totals): Promise<{ nested?: Buffer; small?: Buffer }> {
  let produced = 0;
  let head: Buffer = Buffer.alloc(0);
  let nested: Buffer[] | null = null;
  let decided = false;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    produced += chunk.length;
    t.expanded += chunk.length;
    if (t.expanded > p.maxExpandedBytes) throw new Refusal(`archive expands to more than ${p.maxExpandedBytes} bytes`);
    if (produced >= p.ratioMinBytes && produced > p.maxRatio * Math.max(e.compressedSize, 1)) {
      throw new Refusal(`entry ${quote(e.fileName)} has a compression ratio above ${p.maxRatio} (possible zip bomb)`);
    }
    if (t.expanded >= p.ratioMinBytes && t.expanded > p.maxRatio * p.uploadBytes) {
      throw new Refusal(`archive compression ratio is above ${p.maxRatio} (possible zip bomb)`);
    }
    if (nested) nested.push(chunk);
    else if (!decided) {
      // Only the first bytes are kept until the entry's type is known.
      head = Buffer.concat([head, chunk]);
      if (head.length < 4) continue;
      decided = true;
      if (isZipMagic(head)) {
        if (depth + 1 > p.maxDepth) throw new Refusal(`archives nested more than ${p.maxDepth} deep are not accepted (${quote(e.fileName)})`);
        nested = [head];
      }
    }
    if (nested && produced > p.maxNestedArchiveBytes) {
      throw new Refusal(`nested archive ${quote(e.fileName)} is larger than ${p.maxNestedArchiveBytes / MIB} MB; upload it on its own`);
    }
  }
  if (nested) return { nested: Buffer.concat(nested) };
  return produced <= 256 ? { small: head } : {};
}

/** Walks one archive's entries; nested archives recurse. Returns the office kind of this archive, if any. */
async function walk(zip: ZipFile, depth: number, p: Policy, t: Totals): Promise<OfficeKind | undefined> {
  const names = new Set<string>();
  let odf: OfficeKind | undefined;
  // The count in the end record is only used to refuse early; the entries are counted as they are read.
  if (zip.entryCount > p.maxEntries - t.entries) {
    zip.close();
    throw new Refusal(`archive has ${zip.entryCount + t.entries} entries (limit ${p.maxEntries}, nested archives included)`);
  }
  try {
    for await (const e of zip.eachEntry()) {
      if (++t.entries > p.maxEntries) throw new Refusal(`archive has more than ${p.maxEntries} entries (nested archives included)`);
      checkEntry(e, names);
      const { nested, small } = await measure(await zip.openReadStreamPromise(e), e, depth, p, t);
      if (e.fileName === "mimetype" && small) odf = ODF_MIMETYPES[small.toString("latin1").trim()];
      if (nested) {
        t.nested++;
        const inner = await openArchive({ buffer: nested }, nested.length).catch((err: Error) => {
          throw new Refusal(`nested archive ${quote(e.fileName)}: ${readerReason(err)}`);
        });
        await walk(inner, depth + 1, p, t);
      }
    }
  } finally {
    zip.close();
  }
  if (names.has("[Content_Types].xml")) {
    const has = (prefix: string) => [...names].some((n) => n.startsWith(prefix));
    if (has("word/")) return "docx";
    if (has("xl/")) return "xlsx";
    if (has("ppt/")) return "pptx";
  }
  return odf;
}

export async function inspectZip(path: string, limits: ZipLimits): Promise<ZipInspection> {
  const t: Totals = { entries: 0, expanded: 0, nested: 0 };
  let fh: FileHandle | undefined;
  try {
    fh = await fsp.open(path, "r");
    const uploadBytes = (await fh.stat()).size;
    const p: Policy = { maxRatio: 100, ratioMinBytes: MIB, maxDepth: 2, maxNestedArchiveBytes: 16 * MIB, ...limits, uploadBytes };
    const zip = await openArchive({ fd: fh.fd }, uploadBytes);
    const officeKind = await walk(zip, 0, p, t);
    const result: ZipInspection = { ok: true, entries: t.entries, expandedBytes: t.expanded, nestedArchives: t.nested };
    if (officeKind) result.officeKind = officeKind;
    return result;
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: err.message };
    if (err instanceof Error) return { ok: false, reason: readerReason(err) };
    throw err;
  } finally {
    await fh?.close().catch(() => {});
  }
}
