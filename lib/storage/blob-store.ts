import "server-only";
import type { Readable } from "node:stream";

/**
 * Content-addressed blob storage for the evidence vault.
 *
 * Uploads are two-phase so that the caller can inspect the bytes (magic-byte
 * sniffing, ZIP central-directory checks, …) before anything becomes visible
 * in the store:
 *
 *   const staged = await store.beginUpload(body, { maxBytes, signal });
 *   try {
 *     const sniff = sniffContentType(staged.head, fileName);
 *     if (!sniff.ok) throw …;
 *     const { key, alreadyExisted } = await staged.commit();
 *   } finally {
 *     await staged.discard(); // no-op after commit
 *   }
 *
 * Blobs are addressed by the lower-case hex SHA-256 of their content, so the
 * same content uploaded twice is stored once. An object-storage implementation
 * can stage into a local temp file (for `localPath`) and upload on commit.
 */

export type UploadSource = ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>;

export interface UploadOptions {
  /** Hard limit; exceeding it aborts the upload with UploadTooLargeError. */
  maxBytes: number;
  /** Aborts the upload (UploadAbortedError) and removes the temp data. */
  signal?: AbortSignal;
}

/** Number of leading bytes kept in memory in `StagedBlob.head`. */
export const HEAD_BYTES = 4096;

export interface CommitResult {
  /** Opaque, implementation-specific storage key of the object. */
  key: string;
  /** True when identical content was already stored (deduplicated). */
  alreadyExisted: boolean;
}

export interface StagedBlob {
  /** Lower-case hex SHA-256 of the full content. */
  readonly sha256: string;
  /** Size in bytes of the full content. */
  readonly size: number;
  /** The first min(size, HEAD_BYTES) bytes, for content sniffing. */
  readonly head: Uint8Array;
  /** Local file holding the staged content, readable for inspection only. */
  readonly localPath: string;
  /** Makes the blob durable and visible under its digest. Idempotent. */
  commit(): Promise<CommitResult>;
  /** Removes the staged data. No-op after commit or a previous discard. */
  discard(): Promise<void>;
}

export interface BlobStat {
  sha256: string;
  size: number;
  /** When the object was first stored (file mtime for the fs store). */
  storedAt: Date;
}

export interface ReadRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

export interface PutResult extends CommitResult {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** Streams `source` into staging while hashing and counting bytes. */
  beginUpload(source: UploadSource, opts: UploadOptions): Promise<StagedBlob>;
  /** beginUpload + commit, for callers with nothing to inspect. */
  putStream(source: UploadSource, opts: UploadOptions): Promise<PutResult>;
  exists(sha256: string): Promise<boolean>;
  /** Throws BlobNotFoundError when absent. */
  openRead(sha256: string, range?: ReadRange): Promise<Readable>;
  /** Null when absent. */
  stat(sha256: string): Promise<BlobStat | null>;
  /** Returns true when an object was removed. */
  delete(sha256: string): Promise<boolean>;
  /**
   * Removes leftover staging files (crashed or abandoned uploads) and returns
   * how many were removed. Uploads still in progress in this process are
   * never touched; `olderThanMs` additionally spares recent files written by
   * other processes sharing the directory.
   */
  cleanupTemp(opts?: { olderThanMs?: number }): Promise<number>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** `putStream` for any store whose uploads are staged: stage, commit, and always remove the staging. */
export async function putThroughStaging(store: Pick<BlobStore, "beginUpload">, source: UploadSource, opts: UploadOptions): Promise<PutResult> {
  const staged = await store.beginUpload(source, opts);
  try {
    const r = await staged.commit();
    return { ...r, sha256: staged.sha256, size: staged.size };
  } finally {
    await staged.discard();
  }
}

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}
