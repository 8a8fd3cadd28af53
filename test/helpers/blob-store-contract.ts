import { createHash, randomBytes } from "node:crypto";
import { promises as fsp } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { BlobStore } from "@/lib/storage/blob-store";
import { StagedBlobStateError, UploadAbortedError, UploadTooLargeError } from "@/lib/storage/errors";

/** One store under test, fresh for each test. */
export interface BlobStoreHarness {
  store: BlobStore;
  /** Names of committed objects, as the backend lists them. */
  listObjects(): Promise<string[]>;
  /** Names of temp data (staging files, temp objects) the store left behind. */
  listTemp(): Promise<string[]>;
  /** Leaves temp data as a crashed upload would, last written `ageMs` ago. */
  plantTemp(name: string, ageMs: number): Promise<void>;
  close(): Promise<void>;
}

/** The behaviour every BlobStore must show, registered as a describe block. */
export function blobStoreContract(name: string, makeHarness: () => Promise<BlobStoreHarness>): void {
  describe(`${name} (BlobStore contract)`, () => {
    let h: BlobStoreHarness;
    let store: BlobStore;
    const everything = async () => [...(await h.listObjects()), ...(await h.listTemp())];

    beforeEach(async () => {
      h = await makeHarness();
      store = h.store;
    });
    afterEach(async () => {
      await h.close();
    });

    it("computes hash and size of a multi-chunk stream and stores nothing visible until commit", async () => {
      const data = chunks(20, 7_777);
      const staged = await store.beginUpload(fromChunks(data), { maxBytes: 1_000_000 });
      expect(staged.sha256).toBe(sha(data));
      expect(staged.size).toBe(20 * 7_777);
      expect(Buffer.from(staged.head)).toEqual(Buffer.concat(data).subarray(0, 4096));
      expect((await fsp.readFile(staged.localPath)).equals(Buffer.concat(data))).toBe(true);
      expect(await h.listObjects()).toEqual([]);
      expect(await store.exists(staged.sha256)).toBe(false);

      const { alreadyExisted } = await staged.commit();
      expect(alreadyExisted).toBe(false);
      const s = staged.sha256;
      expect(await h.listObjects()).toHaveLength(1);
      expect(await h.listTemp()).toEqual([]);
      expect(await store.exists(s)).toBe(true);
      const st = await store.stat(s);
      expect(st?.size).toBe(20 * 7_777);
      expect(st?.sha256).toBe(s);
      expect(st?.storedAt).toBeInstanceOf(Date);
      expect((await readAll(await store.openRead(s))).equals(Buffer.concat(data))).toBe(true);
      const ranged = await readAll(await store.openRead(s, { start: 10, end: 19 }));
      expect(ranged.equals(Buffer.concat(data).subarray(10, 20))).toBe(true);
      const last = await readAll(await store.openRead(s, { start: st!.size - 1, end: st!.size - 1 }));
      expect(last.equals(Buffer.concat(data).subarray(-1))).toBe(true);
    });

    it("commit is idempotent and discard after commit keeps the object", async () => {
      const staged = await store.beginUpload(fromChunks(chunks(2, 100)), { maxBytes: 1000 });
      const [a, b] = await Promise.all([staged.commit(), staged.commit()]);
      expect(b).toEqual(a);
      expect(await staged.commit()).toEqual(a);
      await staged.discard();
      expect(await store.exists(staged.sha256)).toBe(true);
      expect(await everything()).toHaveLength(1);
    });

    it("accepts a web ReadableStream", async () => {
      const data = [new TextEncoder().encode("hello "), new TextEncoder().encode("world")];
      const r = await store.putStream(webStream(data), { maxBytes: 100 });
      expect(r.sha256).toBe(sha(data));
      expect(r.size).toBe(11);
      expect((await readAll(await store.openRead(r.sha256))).toString()).toBe("hello world");
    });

    it("stores an empty file", async () => {
      const r = await store.putStream(fromChunks([]), { maxBytes: 100 });
      expect(r.sha256).toBe(sha([]));
      expect(r.size).toBe(0);
      expect((await store.stat(r.sha256))?.size).toBe(0);
      expect(await readAll(await store.openRead(r.sha256))).toHaveLength(0);
    });

    it("deduplicates identical content: a commit of a stored blob is a no-op", async () => {
      const data = chunks(3, 1000);
      const first = await store.putStream(fromChunks(data), { maxBytes: 10_000 });
      const before = await store.stat(first.sha256);
      const second = await store.putStream(webStream(data), { maxBytes: 10_000 });
      expect(first.alreadyExisted).toBe(false);
      expect(second.alreadyExisted).toBe(true);
      expect(second.sha256).toBe(first.sha256);
      expect(second.key).toBe(first.key);
      expect((await store.stat(first.sha256))?.storedAt.getTime()).toBe(before?.storedAt.getTime());
      expect(await h.listObjects()).toHaveLength(1);
      expect(await h.listTemp()).toEqual([]);
    });

    it("streams a 12 MB upload (several 5 MB parts) and reads ranges across part boundaries", async () => {
      const data = chunks(192, 64 * 1024); // 12 MiB
      const all = Buffer.concat(data);
      const r = await store.putStream(webStream(data), { maxBytes: 20 * 1024 * 1024 });
      expect(r.size).toBe(12 * 1024 * 1024);
      expect(r.sha256).toBe(sha(data));
      const back = createHash("sha256");
      let n = 0;
      for await (const c of await store.openRead(r.sha256)) {
        back.update(c as Buffer);
        n += (c as Buffer).length;
      }
      expect(n).toBe(all.length);
      expect(back.digest("hex")).toBe(r.sha256);
      const part = 5 * 1024 * 1024;
      const ranged = await readAll(await store.openRead(r.sha256, { start: part - 100, end: part + 99 }));
      expect(ranged.equals(all.subarray(part - 100, part + 100))).toBe(true);
    });

    it("rejects an over-limit stream while streaming, leaving nothing", async () => {
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
      expect(await everything()).toEqual([]);
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
      expect(await everything()).toEqual([]);
    });

    it("removes the temp data when the source errors midway", async () => {
      async function* failing(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array(5000);
        yield new Uint8Array(5000);
        throw new Error("client went away");
      }
      await expect(store.beginUpload(failing(), { maxBytes: 1e9 })).rejects.toThrow("client went away");
      expect(await everything()).toEqual([]);
    });

    it("aborts on signal even while the source is stalled", async () => {
      const ac = new AbortController();
      async function* stalled(): AsyncGenerator<Uint8Array> {
        yield new Uint8Array(100);
        await new Promise(() => {}); // never resolves
      }
      setTimeout(() => ac.abort(new Error("disconnected")), 20);
      await expect(store.beginUpload(stalled(), { maxBytes: 1e9, signal: ac.signal })).rejects.toBeInstanceOf(UploadAbortedError);
      expect(await everything()).toEqual([]);
    });

    it("discard removes the staged data; commit after discard fails", async () => {
      const staged = await store.beginUpload(fromChunks(chunks(2, 10)), { maxBytes: 100 });
      await staged.discard();
      await staged.discard();
      expect(await everything()).toEqual([]);
      await expect(staged.commit()).rejects.toBeInstanceOf(StagedBlobStateError);
      expect(await store.exists(staged.sha256)).toBe(false);
    });

    it("cleanupTemp removes only old leftovers, never new temp data or uploads in progress", async () => {
      await h.plantTemp("old", 2 * 3_600_000);
      await h.plantTemp("new", 0);
      const staged = await store.beginUpload(fromChunks(chunks(1, 10)), { maxBytes: 100 });
      expect(await h.listTemp()).toHaveLength(3);
      expect(await store.cleanupTemp({ olderThanMs: 3_600_000 })).toBe(1);
      const left = await h.listTemp();
      expect(left).toHaveLength(2);
      expect(left.some((n) => n.includes("old"))).toBe(false);
      expect(left.some((n) => n.includes("new"))).toBe(true);
      // Without a threshold the new leftover goes too, but the upload in progress stays.
      expect(await store.cleanupTemp()).toBe(1);
      expect(await h.listTemp()).toHaveLength(1);
      await staged.commit();
      expect(await store.exists(staged.sha256)).toBe(true);
      expect(await store.cleanupTemp()).toBe(0);
      expect(await h.listTemp()).toEqual([]);
    });

    it("stat/delete/openRead behave for missing blobs and reject bad ids", async () => {
      const missing = "0".repeat(64);
      expect(await store.stat(missing)).toBeNull();
      expect(await store.exists(missing)).toBe(false);
      expect(await store.delete(missing)).toBe(false);
      await expect(store.openRead(missing)).rejects.toThrow(/no blob/);
      await expect(store.exists("../../etc/passwd")).rejects.toThrow(/SHA-256/);
      await expect(store.openRead("A".repeat(64))).rejects.toThrow(/SHA-256/);
      const r = await store.putStream(fromChunks([new Uint8Array([1, 2, 3])]), { maxBytes: 3 });
      await expect(store.openRead(r.sha256, { start: 2, end: 1 })).rejects.toBeInstanceOf(RangeError);
      expect(await store.delete(r.sha256)).toBe(true);
      expect(await store.exists(r.sha256)).toBe(false);
      expect(await store.delete(r.sha256)).toBe(false);
      await expect(store.openRead(r.sha256)).rejects.toThrow(/no blob/);
      expect(await everything()).toEqual([]);
    });
  });
}

export function chunks(count: number, size: number): Uint8Array[] {
  return Array.from({ length: count }, () => new Uint8Array(randomBytes(size)));
}

export async function* fromChunks(list: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of list) yield c;
}

export function webStream(list: Uint8Array[]): ReadableStream<Uint8Array> {
  let i = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const c = list[i++];
      if (c) controller.enqueue(c);
      else controller.close();
    },
  });
}

export function sha(list: Uint8Array[]): string {
  const h = createHash("sha256");
  for (const c of list) h.update(c);
  return h.digest("hex");
}

export async function readAll(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(Buffer.from(p as Uint8Array));
  return Buffer.concat(parts);
}
