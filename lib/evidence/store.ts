import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { BlobStore } from "@/lib/storage/blob-store";

// One store per bundle, deliberately not on globalThis: `next build` bundles instrumentation and
// the route handlers separately, each with its own copy of the error classes. A store shared
// through globalThis threw the copy of UploadTooLargeError that the route's `instanceof` did
// not know, so an over-limit upload under `next start` answered 400 instead of 413.
let store: FsBlobStore | undefined;

/** The evidence store: content-addressed files under <data folder>/blobs. */
export function getBlobStore(): BlobStore {
  store ??= new FsBlobStore(path.join(getConfig().dataDir, "blobs"));
  return store;
}
