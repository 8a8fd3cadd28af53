import { promises as fsp } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { blobStoreContract, chunks, fromChunks } from "@/test/helpers/blob-store-contract";
import { FsBlobStore } from "./fs-blob-store";

async function listFiles(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(root, p)));
    else out.push(path.relative(root, p));
  }
  return out;
}

blobStoreContract("FsBlobStore", async () => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-blob-"));
  const tmp = path.join(root, "tmp");
  return {
    store: new FsBlobStore(root),
    listObjects: async () => (await listFiles(root)).filter((f) => f.startsWith(`objects${path.sep}`)),
    listTemp: async () => (await listFiles(root)).filter((f) => !f.startsWith(`objects${path.sep}`)),
    plantTemp: async (name, ageMs) => {
      await fsp.mkdir(tmp, { recursive: true });
      const p = path.join(tmp, `${name}.part`);
      await fsp.writeFile(p, name);
      const when = new Date(Date.now() - ageMs);
      await fsp.utimes(p, when, when);
    },
    close: () => fsp.rm(root, { recursive: true, force: true }),
  };
});

describe("FsBlobStore layout", () => {
  let root: string;
  let store: FsBlobStore;
  beforeEach(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-blob-"));
    store = new FsBlobStore(root);
  });
  afterEach(async () => {
    await fsp.rm(root, { recursive: true, force: true });
  });

  it("stages under tmp/ and commits to objects/<aa>/<bb>/<sha256>", async () => {
    const staged = await store.beginUpload(fromChunks(chunks(3, 1000)), { maxBytes: 10_000 });
    expect(path.relative(root, staged.localPath)).toMatch(/^tmp[/\\][0-9a-f]{32}\.part$/);
    const { key } = await staged.commit();
    const s = staged.sha256;
    expect(key).toBe(`objects/${s.slice(0, 2)}/${s.slice(2, 4)}/${s}`);
    expect(await listFiles(root)).toEqual([path.join("objects", s.slice(0, 2), s.slice(2, 4), s)]);
  });

  it("cleanupTemp ignores files that are not staging files", async () => {
    await fsp.mkdir(path.join(root, "tmp"), { recursive: true });
    await fsp.writeFile(path.join(root, "tmp", "notes.txt"), "x");
    expect(await store.cleanupTemp()).toBe(0);
    expect(await listFiles(root)).toEqual([path.join("tmp", "notes.txt")]);
  });
});
