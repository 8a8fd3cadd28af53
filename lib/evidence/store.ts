import "server-only";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { BlobStore } from "@/lib/storage/blob-store";

const holder = globalThis as unknown as { __ringfenceBlobStore?: FsBlobStore };

/** The process's evidence store: content-addressed files under <data folder>/blobs. */
export function getBlobStore(): BlobStore {
  holder.__ringfenceBlobStore ??= new FsBlobStore(path.join(getConfig().dataDir, "blobs"));
  return holder.__ringfenceBlobStore;
}
