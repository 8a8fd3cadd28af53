import { deflateRawSync } from "node:zlib";

/**
 * Minimal ZIP writer for tests: local file headers + data, central directory,
 * end of central directory record; optionally in ZIP64 form (every size and
 * offset moved to ZIP64 extra fields, plus ZIP64 end record and locator).
 * No data descriptors, no encryption (flag bits are only declared).
 */

export interface ZipEntryInput {
  name: string;
  data: Uint8Array;
  /** "store" (default) or "deflate". */
  method?: "store" | "deflate";
  /** Uncompressed size to declare instead of data.length (lying archives). */
  declaredSize?: number;
  /** Extra general-purpose flag bits (e.g. 0x1 "encrypted"); bit 11 (UTF-8) is always set. */
  flags?: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface BuildZipOptions {
  zip64?: boolean;
}

function zip64Extra(values: number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  values.forEach((v, i) => extra.writeBigUInt64LE(BigInt(v), 4 + 8 * i));
  return extra;
}

export function buildZip(entries: ZipEntryInput[], opts: BuildZipOptions = {}): Uint8Array {
  const z64 = opts.zip64 === true;
  const MAX32 = 0xffffffff;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const method = entry.method === "deflate" ? 8 : 0;
    const payload = method === 8 ? deflateRawSync(entry.data) : Buffer.from(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const flags = 0x800 | (entry.flags ?? 0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date: 1980-01-01
    local.writeUInt32LE(crc, 14);
    const localExtra = z64 ? zip64Extra([size, payload.length]) : Buffer.alloc(0);
    local.writeUInt32LE(z64 ? MAX32 : payload.length, 18);
    local.writeUInt32LE(z64 ? MAX32 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, payload);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // made by: MS-DOS, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    const centralExtra = z64 ? zip64Extra([size, payload.length, offset]) : Buffer.alloc(0);
    central.writeUInt32LE(z64 ? MAX32 : payload.length, 20);
    central.writeUInt32LE(z64 ? MAX32 : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(z64 ? MAX32 : offset, 42);
    centrals.push(central, name, centralExtra);

    offset += local.length + name.length + localExtra.length + payload.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (z64) {
    const rec = Buffer.alloc(56);
    rec.writeUInt32LE(0x06064b50, 0);
    rec.writeBigUInt64LE(44n, 4); // size of the rest of the record
    rec.writeUInt16LE(45, 12);
    rec.writeUInt16LE(45, 14);
    rec.writeBigUInt64LE(BigInt(entries.length), 24);
    rec.writeBigUInt64LE(BigInt(entries.length), 32);
    rec.writeBigUInt64LE(BigInt(cd.length), 40);
    rec.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(rec, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(z64 ? 0xffff : entries.length, 8);
  eocd.writeUInt16LE(z64 ? 0xffff : entries.length, 10);
  eocd.writeUInt32LE(z64 ? MAX32 : cd.length, 12);
  eocd.writeUInt32LE(z64 ? MAX32 : offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, ...tail, eocd]));
}
