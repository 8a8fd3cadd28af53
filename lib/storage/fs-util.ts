import "server-only";
import { promises as fsp } from "node:fs";
import type { FileHandle } from "node:fs/promises";

/** Error codes for which hard links are unavailable and rename is used instead. */
export const LINK_UNSUPPORTED = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV", "EMLINK", "EACCES"]);

export function errCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null ? (e as NodeJS.ErrnoException).code : undefined;
}

export async function removeQuietly(p: string): Promise<void> {
  await fsp.rm(p, { force: true }).catch(() => {});
}

/** fsync a directory so a rename/link into it survives a crash (best effort: not possible on Windows). */
export async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined;
  try {
    fh = await fsp.open(dir, "r");
    await fh.sync();
  } catch {
    // unsupported on this platform / filesystem
  } finally {
    await fh?.close().catch(() => {});
  }
}

export async function writeAll(fh: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.byteLength) {
    const { bytesWritten } = await fh.write(chunk, offset, chunk.byteLength - offset, null);
    offset += bytesWritten;
  }
}

export async function fileExists(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isFile();
  } catch (e) {
    if (errCode(e) === "ENOENT") return false;
    throw e;
  }
}
