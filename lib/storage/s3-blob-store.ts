import "server-only";
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import {
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
import { BlobNotFoundError, InvalidBlobIdError, StagedBlobStateError } from "./errors";
import { FsBlobStore } from "./fs-blob-store";
import type { AppConfig } from "@/lib/config";

/** Parts of a multipart upload; 5 MiB is the smallest part S3 accepts. */
export const S3_PART_BYTES = 5 * 1024 * 1024;
/** Parts sent at once per upload. */
const S3_QUEUE_SIZE = 4;

export interface S3BlobStoreOptions {
  /** A configured client, or the settings to build one. */
  client: S3Client | S3ClientConfig;
  bucket: string;
  /** Prepended to every key, e.g. "ringfence/"; a missing trailing slash is added. */
  prefix?: string;
  /** Local folder for staging uploads while they are hashed and inspected. */
  stagingDir: string;
}

/**
 * BlobStore on S3-compatible object storage:
 *   <stagingDir>/tmp/<random>.part   local staging of uploads in progress
 *   s3://<bucket>/<prefix>blobs/<sha256>  committed, immutable objects
 *
 * Design: the bytes are staged in a local temp file while they are hashed
 * (the FsBlobStore's staging, reused as is) and streamed to S3 with a
 * multipart upload on commit, straight to the final key. The alternative,
 * uploading to a temporary key and copying to `blobs/<sha256>` on commit, was
 * rejected because:
 *   - StagedBlob promises `localPath`: callers inspect the file (ZIP central
 *     directory, PDF checks) before commit, so a local copy is needed anyway;
 *   - an upload that is too large, aborted or rejected by inspection never
 *     reaches the bucket, so nothing is left there to clean up or pay for;
 *   - a server-side copy of objects above 5 GB needs a multipart copy, and
 *     deduplicated content would be uploaded twice for nothing.
 * Nothing is visible under the final key before commit: a multipart upload's
 * object appears only when the upload is completed. A commit first checks
 * whether the object is already there (then it is a no-op). Two processes
 * committing identical content at once both write the same bytes under the
 * same key, which is harmless.
 *
 * cleanupTemp removes old local staging files only. A multipart upload that
 * fails is aborted by the SDK; one interrupted by a crash is left to the
 * bucket's lifecycle rule (AbortIncompleteMultipartUpload, see README).
 */
export class S3BlobStore implements BlobStore {
  readonly bucket: string;
  readonly prefix: string;
  private readonly client: S3Client;
  private readonly staging: FsBlobStore;

  constructor(opts: S3BlobStoreOptions) {
    this.client = opts.client instanceof S3Client ? opts.client : new S3Client(opts.client);
    this.bucket = opts.bucket;
    this.prefix = normalisePrefix(opts.prefix);
    this.staging = new FsBlobStore(opts.stagingDir);
  }

  /** The object key of a blob; throws InvalidBlobIdError for anything but a lower-case hex SHA-256. */
  objectKey(sha256: string): string {
    if (!isSha256Hex(sha256)) throw new InvalidBlobIdError(sha256);
    return `${this.prefix}blobs/${sha256}`;
  }

  async beginUpload(source: UploadSource, opts: UploadOptions): Promise<StagedBlob> {
    // Enforces maxBytes and the signal while streaming; removes the file on failure.
    const local = await this.staging.beginUpload(source, opts);
    let state: "staged" | "committed" | "discarded" = "staged";
    let committing: Promise<CommitResult> | undefined;
    const commit = (): Promise<CommitResult> => {
      if (state === "discarded") return Promise.reject(new StagedBlobStateError("cannot commit a discarded upload"));
      committing ??= this.upload(local.localPath, local.sha256).then(
        async (r) => {
          state = "committed";
          await local.discard();
          return r;
        },
        (e: unknown) => {
          // Keep the staged file so the caller may retry or discard.
          committing = undefined;
          throw e;
        },
      );
      return committing;
    };
    const discard = async (): Promise<void> => {
      if (state !== "staged" || committing) return;
      state = "discarded";
      await local.discard();
    };
    return { sha256: local.sha256, size: local.size, head: local.head, localPath: local.localPath, commit, discard };
  }

  private async upload(localPath: string, sha256: string): Promise<CommitResult> {
    const key = this.objectKey(sha256);
    if (await this.exists(sha256)) return { key, alreadyExisted: true };
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: createReadStream(localPath), ContentType: "application/octet-stream" },
      partSize: S3_PART_BYTES,
      queueSize: S3_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    await upload.done();
    return { key, alreadyExisted: false };
  }

  putStream(source: UploadSource, opts: UploadOptions): Promise<PutResult> {
    return putThroughStaging(this, source, opts);
  }

  async exists(sha256: string): Promise<boolean> {
    return (await this.stat(sha256)) !== null;
  }

  async openRead(sha256: string, range?: ReadRange): Promise<Readable> {
    const Key = this.objectKey(sha256);
    if (range && !(Number.isSafeInteger(range.start) && Number.isSafeInteger(range.end) && 0 <= range.start && range.start <= range.end)) {
      throw new RangeError("invalid byte range");
    }
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      if (!(r.Body instanceof Readable)) throw new Error("S3 returned no readable body");
      return r.Body;
    } catch (e) {
      if (isNotFound(e)) throw new BlobNotFoundError(sha256);
      // A range that starts past the end reads nothing, as from a file.
      if (range && errorName(e) === "InvalidRange") {
        if (await this.exists(sha256)) return Readable.from([]);
        throw new BlobNotFoundError(sha256);
      }
      throw e;
    }
  }

  async stat(sha256: string): Promise<BlobStat | null> {
    const Key = this.objectKey(sha256);
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { sha256, size: r.ContentLength ?? 0, storedAt: r.LastModified ?? new Date(0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** S3 does not say whether a deleted object existed, so this asks first (racing deletes may both answer true). */
  async delete(sha256: string): Promise<boolean> {
    const Key = this.objectKey(sha256);
    if (!(await this.exists(sha256))) return false;
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key }));
    return true;
  }

  cleanupTemp(opts: { olderThanMs?: number } = {}): Promise<number> {
    return this.staging.cleanupTemp(opts);
  }
}

/** Settings of the client for `objectStorage` from lib/config.ts. */
export function s3ClientConfig(o: NonNullable<AppConfig["objectStorage"]>): S3ClientConfig {
  return {
    region: o.region,
    ...(o.endpoint ? { endpoint: o.endpoint } : {}),
    forcePathStyle: o.forcePathStyle,
    ...(o.credentials ? { credentials: o.credentials } : {}),
    // Other S3-compatible services often reject the CRC32 checksums that
    // newer SDKs send by default; send and check them only where S3 requires.
    ...(o.endpoint ? { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
  };
}

function normalisePrefix(prefix: string | undefined): string {
  const p = (prefix ?? "").replace(/^\/+/, "");
  return p === "" || p.endsWith("/") ? p : `${p}/`;
}

function errorName(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "name" in e ? String((e as { name: unknown }).name) : undefined;
}

/** A missing object (HEAD answers a bare 404, which the SDK names NotFound). A missing bucket is NoSuchBucket on GET and fails the upload. */
function isNotFound(e: unknown): boolean {
  const name = errorName(e);
  return name === "NotFound" || name === "NoSuchKey";
}
