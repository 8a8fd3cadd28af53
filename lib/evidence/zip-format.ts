import "server-only";
import type { FileHandle } from "node:fs/promises";

/** Low-level ZIP structure reading (APPNOTE.TXT 6.3.x): end records and central directory. */

export class ZipFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ZipFormatError";
  }
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
export const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

export interface EndRecord {
  totalEntries: number;
  cdOffset: number;
  cdSize: number;
  /** File offset where the end records start (ZIP64 record if any, else EOCD). */
  endOffset: number;
}

export interface CentralEntry {
  name: string;
  flags: number;
  method: number;
  versionMadeBy: number;
  externalAttr: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Reads exactly `length` bytes at `position` (fewer only at end of file). */
export async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buf = Buffer.alloc(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await fh.read(buf, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buf : buf.subarray(0, filled);
}

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError("64-bit field out of range");
  return Number(v);
}

/** Locates the End Of Central Directory record (and its ZIP64 counterpart when present). */
export async function readEndRecord(fh: FileHandle, fileSize: number): Promise<EndRecord> {
  if (fileSize < EOCD_SIZE) throw new ZipFormatError("file too small to be a ZIP archive");
  const tailLen = Math.min(fileSize, EOCD_SIZE + MAX_COMMENT);
  const tailStart = fileSize - tailLen;
  const tail = await readAt(fh, tailStart, tailLen);
  let at = -1;
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    // The comment must run exactly to the end of the file: rejects signatures inside comments.
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError("no end of central directory record");
  const eocdOffset = tailStart + at;
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  let totalEntries = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  let endOffset = eocdOffset;

  const locAt = eocdOffset - 20;
  const loc = locAt >= 0 ? await readAt(fh, locAt, 20) : Buffer.alloc(0);
  if (loc.length === 20 && loc.readUInt32LE(0) === SIG_ZIP64_LOCATOR) {
    if (loc.readUInt32LE(16) > 1) throw new ZipFormatError("multi-volume archives are not supported");
    const recAt = u64(loc, 8);
    const rec = recAt + 56 <= locAt ? await readAt(fh, recAt, 56) : Buffer.alloc(0);
    if (rec.length !== 56 || rec.readUInt32LE(0) !== SIG_ZIP64_EOCD) {
      throw new ZipFormatError("ZIP64 end of central directory record not found");
    }
    if (rec.readUInt32LE(16) !== 0 || rec.readUInt32LE(20) !== 0) {
      throw new ZipFormatError("multi-volume archives are not supported");
    }
    totalEntries = u64(rec, 32);
    cdSize = u64(rec, 40);
    cdOffset = u64(rec, 48);
    endOffset = recAt;
  } else if (disk !== 0 || cdDisk !== 0) {
    throw new ZipFormatError("multi-volume archives are not supported");
  } else if (totalEntries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    throw new ZipFormatError("ZIP64 archive without a ZIP64 end of central directory locator");
  }
  if (cdOffset + cdSize > endOffset) throw new ZipFormatError("central directory lies outside the archive");
  return { totalEntries, cdOffset, cdSize, endOffset };
}

const latin1 = new TextDecoder("latin1");
const utf8 = new TextDecoder("utf-8");

/** Parses `count` central directory headers from `cd` (the raw directory bytes). */
export function* parseCentralDirectory(cd: Buffer, count: number): Generator<CentralEntry> {
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) {
      throw new ZipFormatError(`corrupt central directory at entry ${i}`);
    }
    const flags = cd.readUInt16LE(p + 8);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > cd.length) throw new ZipFormatError(`corrupt central directory at entry ${i}`);
    const rawName = cd.subarray(p + 46, p + 46 + nameLen);
    // Bit 11: UTF-8 name. Otherwise CP437; latin1 is enough for the path checks made on it.
    const name = (flags & 0x800 ? utf8 : latin1).decode(rawName);
    const entry: CentralEntry = {
      name,
      flags,
      method: cd.readUInt16LE(p + 10),
      versionMadeBy: cd.readUInt16LE(p + 4),
      externalAttr: cd.readUInt32LE(p + 38),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    applyZip64Extra(entry, cd.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    yield entry;
    p = end;
  }
}

/** Replaces 0xFFFFFFFF sizes/offset with the values of the ZIP64 extended information extra field. */
function applyZip64Extra(entry: CentralEntry, extra: Buffer): void {
  const needs = [entry.uncompressedSize, entry.compressedSize, entry.localHeaderOffset].some((v) => v === 0xffffffff);
  if (!needs) return;
  for (let q = 0; q + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      const data = extra.subarray(q + 4, q + 4 + len);
      let r = 0;
      const take = (): number => {
        if (r + 8 > data.length) throw new ZipFormatError(`truncated ZIP64 extra field for ${entry.name}`);
        const v = u64(data, r);
        r += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    q += 4 + len;
  }
  throw new ZipFormatError(`missing ZIP64 extra field for ${entry.name}`);
}
