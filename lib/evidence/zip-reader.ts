import "server-only";
import fs from "node:fs";
import { PassThrough, Readable } from "node:stream";
import yauzl from "yauzl";

/**
 * yauzl's random-access reader over a file descriptor or a buffer, refusing
 * reads outside the archive. yauzl's own readers pass offsets taken from the
 * archive (ZIP64 fields can say 2^63) straight to fs.read, which throws
 * synchronously inside a callback: an uncaught exception that would end the
 * process. Here such a read fails like any other damaged archive.
 * The descriptor belongs to the caller, which closes it.
 */
export class BoundedReader extends yauzl.RandomAccessReader {
  constructor(
    private readonly source: { fd: number } | { buffer: Buffer },
    private readonly size: number,
  ) {
    super();
  }

  private inside(start: number, length: number): boolean {
    return Number.isSafeInteger(start) && Number.isSafeInteger(length) && start >= 0 && length >= 0 && start + length <= this.size;
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null, bytesRead?: number) => void): void {
    if (!this.inside(position, length) || offset + length > buffer.length) {
      setImmediate(() => callback(new Error("the archive points outside itself")));
      return;
    }
    const src = this.source;
    if ("buffer" in src) {
      src.buffer.copy(buffer, offset, position, position + length);
      setImmediate(() => callback(null, length));
      return;
    }
    fs.read(src.fd, buffer, offset, length, position, (err, n) => callback(err, n));
  }

  override _readStreamForRange(start: number, end: number): Readable {
    if (!this.inside(start, end - start)) {
      const failed = new PassThrough();
      setImmediate(() => failed.destroy(new Error("the archive points outside itself")));
      return failed;
    }
    const src = this.source;
    if ("buffer" in src) return Readable.from([src.buffer.subarray(start, end)], { objectMode: false });
    return fdRange(src.fd, start, end);
  }

  override close(callback: (err: Error | null) => void): void {
    setImmediate(() => callback(null));
  }
}

/** Bytes [start, end) of an open file. Not fs.createReadStream: destroying that closes the descriptor, which yauzl does after every entry. */
function fdRange(fd: number, start: number, end: number): Readable {
  let pos = start;
  return new Readable({
    highWaterMark: 64 * 1024,
    read(size) {
      const n = Math.min(size, end - pos);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const buf = Buffer.allocUnsafe(n);
      fs.read(fd, buf, 0, n, pos, (err, got) => {
        if (err) return void this.destroy(err);
        if (got === 0) return void this.destroy(new Error("unexpected end of the archive"));
        pos += got;
        this.push(buf.subarray(0, got));
      });
    },
  });
}
