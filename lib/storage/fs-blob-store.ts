import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import type { FileHandle } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import {
  HEAD_BYTES,
  isSha256Hex,
  putThroughStaging,
  type BlobStat,
  type BlobStore,
  type CommitResult,
  type PutResult,
  type ReadRange,
  type StagedBlob,
  type UploadOptions,
  type UploadSource,
} from "./blob-store";
import { BlobNotFoundError, InvalidBlobIdError, StagedBlobStateError, UploadAbortedError, UploadTooLargeError } from "./errors";
import { errCode, fileExists, LINK_UNSUPPORTED, removeQuietly, syncDir, writeAll } from "./fs-util";
import { iterateSource } from "./read-source";

const TEMP_SUFFIX = ".part";

/**
 * BlobStore on the local filesystem:
 *   <root>/tmp/<random>.part          staging files of uploads in progress
 *   <root>/objects/<aa>/<bb>/<sha256>  committed, immutable objects
 * The whole content is never held in memory: chunks are hashed and written
 * one at a time, awaiting each write.
 */
export class FsBlobStore implements BlobStore {
  readonly rootDir: string;
  private readonly tmpDir: string;
  private readonly objectsDir: string;
  /** Staging files owned by uploads of this instance that are not finished. */
  private readonly activeTemp = new Set<string>();

  constructor(rootDir: string) {
    this.rootDir = path.resolve(rootDir);
    this.tmpDir = path.join(this.rootDir, "tmp");
    this.objectsDir = path.join(this.rootDir, "objects");
  }

  private objectKey(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new InvalidBlobIdError(sha256);
    return `objects/${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  private objectPath(sha256: string): string {
    return path.join(this.rootDir, ...this.objectKey(sha256).split("/"));
  }

  async beginUpload(source: UploadSource, opts: UploadOptions): Promise<StagedBlob> {
    const { maxBytes, signal } = opts;
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`maxBytes must be a non-negative safe integer, got ${maxBytes}`);
    }
    if (signal?.aborted) throw new UploadAbortedError(signal.reason);
    await fsp.mkdir(this.tmpDir, { recursive: true });
    const tempPath = path.join(this.tmpDir, randomBytes(16).toString("hex") + TEMP_SUFFIX);
    this.activeTemp.add(tempPath);

    const hash = createHash("sha256");
    const head = new Uint8Array(HEAD_BYTES);
    let headLen = 0;
    let size = 0;
    let fh: FileHandle | undefined;
    try {
      fh = await fsp.open(tempPath, "wx", 0o600);
      for await (const chunk of iterateSource(source, signal)) {
        if (chunk.byteLength === 0) continue;
        size += chunk.byteLength;
        if (size > maxBytes) throw new UploadTooLargeError(maxBytes);
        hash.update(chunk);
        if (headLen < HEAD_BYTES) {
          const n = Math.min(HEAD_BYTES - headLen, chunk.byteLength);
          head.set(chunk.subarray(0, n), headLen);
          headLen += n;
        }
        await writeAll(fh, chunk);
      }
      await fh.sync();
      await fh.close();
      fh = undefined;
    } catch (err) {
      await fh?.close().catch(() => {});
      await removeQuietly(tempPath);
      this.activeTemp.delete(tempPath);
      throw err;
    }
    return this.staged(tempPath, hash.digest("hex"), size, head.slice(0, headLen));
  }

  private staged(tempPath: string, sha256: string, size: number, head: Uint8Array): StagedBlob {
    let state: "staged" | "committed" | "discarded" = "staged";
    let committing: Promise<CommitResult> | undefined;
    const commit = (): Promise<CommitResult> => {
      if (state === "discarded") {
        return Promise.reject(new StagedBlobStateError("cannot commit a discarded upload"));
      }
      committing ??= this.commitTemp(tempPath, sha256).then((r) => {
        state = "committed";
        return r;
      });
      return committing;
    };
    const discard = async (): Promise<void> => {
      if (state !== "staged" || committing) return;
      state = "discarded";
      await removeQuietly(tempPath);
      this.activeTemp.delete(tempPath);
    };
    return { sha256, size, head, localPath: tempPath, commit, discard };
  }

  private async commitTemp(tempPath: string, sha256: string): Promise<CommitResult> {
    const key = this.objectKey(sha256);
    const target = this.objectPath(sha256);
    const dir = path.dirname(target);
    try {
      await fsp.mkdir(dir, { recursive: true });
      let alreadyExisted = false;
      try {
        // link() fails with EEXIST instead of replacing: exact dedup under races.
        await fsp.link(tempPath, target);
      } catch (e) {
        const code = errCode(e);
        if (code === "EEXIST") alreadyExisted = true;
        else if (code !== undefined && LINK_UNSUPPORTED.has(code)) {
          alreadyExisted = await fileExists(target);
          if (!alreadyExisted) await fsp.rename(tempPath, target);
        } else throw e;
      }
      if (!alreadyExisted) {
        await syncDir(dir);
        await syncDir(path.dirname(dir));
      }
      return { key, alreadyExisted };
    } finally {
      await removeQuietly(tempPath);
      this.activeTemp.delete(tempPath);
    }
  }

  putStream(source: UploadSource, opts: UploadOptions): Promise<PutResult> {
    return putThroughStaging(this, source, opts);
  }

  async exists(sha256: string): Promise<boolean> {
    return fileExists(this.objectPath(sha256));
  }

  async openRead(sha256: string, range?: ReadRange): Promise<Readable> {
    const p = this.objectPath(sha256);
    if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && 0 <= range.start && range.start <= range.end)) {
      throw new RangeError("invalid byte range");
    }
    let fh: FileHandle;
    try {
      fh = await fsp.open(p, "r");
    } catch (e) {
      if (errCode(e) === "ENOENT") throw new BlobNotFoundError(sha256);
      throw e;
    }
    return fh.createReadStream(range ? { start: range.start, end: range.end } : {});
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    try {
      const s = await fsp.stat(this.objectPath(sha256));
      return { sha256, size: s.size, storedAt: s.mtime };
    } catch (e) {
      if (errCode(e) === "ENOENT") return null;
      throw e;
    }
  }

  async delete(sha256: string): Promise<boolean> {
    try {
      await fsp.unlink(this.objectPath(sha256));
      return true;
    } catch (e) {
      if (errCode(e) === "ENOENT") return false;
      throw e;
    }
  }

  async cleanupTemp(opts: { olderThanMs?: number } = {}): Promise<number> {
    const olderThanMs = opts.olderThanMs ?? 0;
    let names: string[];
    try {
      names = await fsp.readdir(this.tmpDir);
    } catch (e) {
      if (errCode(e) === "ENOENT") return 0;
      throw e;
    }
    let removed = 0;
    const now = Date.now();
    for (const name of names) {
      const p = path.join(this.tmpDir, name);
      if (!name.endsWith(TEMP_SUFFIX) || this.activeTemp.has(p)) continue;
      try {
        const s = await fsp.stat(p);
        if (!s.isFile() || now - s.mtimeMs < olderThanMs) continue;
        await fsp.unlink(p);
        removed++;
      } catch (e) {
        if (errCode(e) !== "ENOENT") throw e;
      }
    }
    return removed;
  }
}
