import { createHash, randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UploadAbortedError, UploadTooLargeError } from "./errors";
import { FsBlobStore } from "./fs-blob-store";

let root: string;
let store: FsBlobStore;

beforeEach(async () => {
  root = await fsp.mkdtemp(path.join(os.tmpdir(), "ringfence-blob-"));
  store = new FsBlobStore(root);
});

afterEach(async () => {
  await fsp.rm(root, { recursive: true, force: true });
});

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await fsp.readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(path.relative(root, p));
  }
  return out;
}

function chunks(count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, () => new Uint8Array(randomBytes(size)));
}

async function* fromChunks(list: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of list) yield c;
}

function webStream(list: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const c = list[i++];
      if (c) controller.enqueue(c);
      else controller.close();
    },
  });
}

function sha(list: Uint8Array[]): string {
  const h = createHash("sha256");
  for (const c of list) h.update(c);
  return h.digest("hex");
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(p);
  return Buffer.concat(parts);
}

describe("FsBlobStore", () => {
  it("computes hash and size of a multi-chunk stream and stores the object", async () => {
    const data = chunks(20, 7_777);
    const staged = await store.beginUpload(fromChunks(data), { maxBytes: 1_000_000 });
    expect(staged.sha256).toBe(sha(data));
    expect(staged.size).toBe(20 * 7_777);
    expect(Buffer.from(staged.head)).toEqual(Buffer.concat(data).subarray(0, 4096));
    expect((await fsp.readFile(staged.localPath)).equals(Buffer.concat(data))).toBe(true);

    const { key, alreadyExisted } = await staged.commit();
    expect(alreadyExisted).toBe(false);
    const s = staged.sha256;
    expect(key).toBe(`objects/${s.slice(0, 2)}/${s.slice(2, 4)}/${s}`);
    expect(await listFiles(root)).toEqual([path.join("objects", s.slice(0, 2), s.slice(2, 4), s)]);
    expect(await store.exists(s)).toBe(true);
    expect((await store.stat(s))?.size).toBe(20 * 7_777);
    expect((await readAll(await store.openRead(s))).equals(Buffer.concat(data))).toBe(true);
    const ranged = await readAll(await store.openRead(s, { start: 10, end: 19 }));
    expect(ranged.equals(Buffer.concat(data).subarray(10, 20))).toBe(true);
  });

  it("accepts a web ReadableStream and keeps a short head", async () => {
    const data = [new TextEncoder().encode("hello "), new TextEncoder().encode("world")];
    const r = await store.putStream(webStream(data), { maxBytes: 100 });
    expect(r.sha256).toBe(sha(data));
    expect(r.size).toBe(11);
  });

  it("deduplicates identical content", async () => {
    const data = chunks(3, 1000);
    const first = await store.putStream(fromChunks(data), { maxBytes: 10_000 });
    const second = await store.putStream(webStream(data), { maxBytes: 10_000 });
    expect(first.alreadyExisted).toBe(false);
    expect(second.alreadyExisted).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    const files = await listFiles(root);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^objects/);
  });

  it("rejects an over-limit stream while streaming, leaving no file", async () => {
    let yielded = 0;
    let finalized = false;
    async function* big(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; i < 100; i++) {
          yielded++;
          yield new Uint8Array(1024);
        }
      } finally {
        finalized = true;
      }
    }
    const err = await store.beginUpload(big(), { maxBytes: 10 * 1024 + 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UploadTooLargeError);
    expect((err as UploadTooLargeError).limit).toBe(10 * 1024 + 5);
    expect(yielded).toBe(11);
    expect(finalized).toBe(true);
    expect(await listFiles(root)).toEqual([]);
  });

  it("cancels a web stream that is over the limit", async () => {
    let pulls = 0;
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        pulls++;
        c.enqueue(new Uint8Array(1000));
      },
      cancel() {
        cancelled = true;
      },
    });
    await expect(store.beginUpload(stream, { maxBytes: 2500 })).rejects.toBeInstanceOf(UploadTooLargeError);
    expect(cancelled).toBe(true);
    expect(pulls).toBeLessThan(10);
    expect(await listFiles(root)).toEqual([]);
  });

  it("removes the temp file when the source errors midway", async () => {
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(5000);
      yield new Uint8Array(5000);
      throw new Error("client went away");
    }
    await expect(store.beginUpload(failing(), { maxBytes: 1e9 })).rejects.toThrow("client went away");
    expect(await listFiles(root)).toEqual([]);
  });

  it("aborts on signal even while the source is stalled", async () => {
    const ac = new AbortController();
    async function* stalled(): AsyncGenerator<Uint8Array> {
      yield new Uint8Array(100);
      await new Promise(() => {}); // never resolves
    }
    setTimeout(() => ac.abort(new Error("disconnected")), 20);
    await expect(store.beginUpload(stalled(), { maxBytes: 1e9, signal: ac.signal })).rejects.toBeInstanceOf(UploadAbortedError);
    expect(await listFiles(root)).toEqual([]);
  });

  it("discard removes the staged file; commit after discard fails", async () => {
    const staged = await store.beginUpload(fromChunks(chunks(2, 10)), { maxBytes: 100 });
    await staged.discard();
    expect(await listFiles(root)).toEqual([]);
    await expect(staged.commit()).rejects.toThrow(/discarded/);
    expect(await store.exists(staged.sha256)).toBe(false);
  });

  it("cleanupTemp removes leftover .part files but not uploads in progress", async () => {
    await fsp.mkdir(path.join(root, "tmp"), { recursive: true });
    await fsp.writeFile(path.join(root, "tmp", "a.part"), "x");
    await fsp.writeFile(path.join(root, "tmp", "b.part"), "y");
    const staged = await store.beginUpload(fromChunks(chunks(1, 10)), { maxBytes: 100 });
    expect(await store.cleanupTemp({ olderThanMs: 60_000 })).toBe(0);
    expect(await store.cleanupTemp()).toBe(2);
    expect(await listFiles(root)).toEqual([path.relative(root, staged.localPath)]);
    await staged.commit();
    expect(await store.cleanupTemp()).toBe(0);
  });

  it("stat/delete/openRead behave for missing blobs and reject bad ids", async () => {
    const missing = "0".repeat(64);
    expect(await store.stat(missing)).toBeNull();
    expect(await store.delete(missing)).toBe(false);
    await expect(store.openRead(missing)).rejects.toThrow(/no blob/);
    await expect(store.exists("../../etc/passwd")).rejects.toThrow(/SHA-256/);
    const r = await store.putStream(fromChunks([new Uint8Array([1, 2, 3])]), { maxBytes: 3 });
    expect(await store.delete(r.sha256)).toBe(true);
    expect(await store.exists(r.sha256)).toBe(false);
  });
});
