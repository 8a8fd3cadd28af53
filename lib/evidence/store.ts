import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import { S3BlobStore, s3ClientConfig } from "@/lib/storage/s3-blob-store";
import type { BlobStore } from "@/lib/storage/blob-store";

// One store per bundle, deliberately not on globalThis: `next build` bundles instrumentation and
// the route handlers separately, each with its own copy of the error classes. A store shared
// through globalThis threw the copy of UploadTooLargeError that the route's `instanceof` did
// not know, so an over-limit upload under `next start` answered 400 instead of 413.
let store: BlobStore | undefined;

/**
 * The evidence store: content-addressed objects in the S3 bucket when S3_BUCKET is set (uploads
 * staged in <data folder>/s3-staging), otherwise files under <data folder>/blobs.
 */
export function getBlobStore(): BlobStore {
  store ??= createBlobStore(getConfig());
  return store;
}

export function createBlobStore(config: Pick<ReturnType<typeof getConfig>, "dataDir" | "objectStorage">): BlobStore {
  const s3 = config.objectStorage;
  if (!s3) return new FsBlobStore(path.join(config.dataDir, "blobs"));
  return new S3BlobStore({ client: s3ClientConfig(s3), bucket: s3.bucket, prefix: s3.prefix, stagingDir: path.join(config.dataDir, "s3-staging") });
}
