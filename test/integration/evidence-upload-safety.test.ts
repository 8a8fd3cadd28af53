import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { evidenceItems } from "@/db/schema";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { removeStaleUploads } from "@/lib/server/startup";
import type { BlobStore } from "@/lib/storage/blob-store";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

const dataDir = makeTempDataDir();
const store = new FsBlobStore(path.join(dataDir, "blobs"));
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, bastion: Actor;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  officer = await actorFor(t.db, "officer@aegis.example");
  bastion = await actorFor(t.db, "officer@bastion.example");
});
afterAll(async () => t.dispose());

function uploadRequest(text: string, fileName: string, headers: Record<string, string> = {}) {
  const q = new URLSearchParams({ title: `Evidence ${fileName}`, kind: "document", fileName });
  return new Request(`http://localhost/api/evidence/upload?${q}`, { method: "POST", body: new TextEncoder().encode(text), headers });
}

describe(`evidence upload safety (${process.env.TEST_DB_DRIVER})`, () => {
  it("never deletes a blob that a concurrent upload of the same content references when its own row fails", async () => {
    const content = `race log ${Date.now()}\nring 1 ok\n`;
    let concurrent: Response | undefined;
    // The store lets a second organisation's upload of the same bytes finish between this
    // upload's commit and its row insert, which then fails.
    const racing: BlobStore = Object.assign(Object.create(store) as BlobStore, {
      beginUpload: async (...args: Parameters<BlobStore["beginUpload"]>) => {
        const staged = await store.beginUpload(...args);
        return {
          ...staged,
          commit: async () => {
            const r = await staged.commit();
            concurrent = await handleEvidenceUpload(uploadRequest(content, "theirs.log"), bastion, { db: t.db, store, maxBytes: 1 << 20 });
            return r;
          },
        };
      },
    });
    const failingDb = new Proxy(t.db, {
      get: (target, key, receiver) => (key === "transaction" ? () => Promise.reject(new Error("insert failed")) : Reflect.get(target, key, receiver)),
    }) as Db;
    const res = await handleEvidenceUpload(uploadRequest(content, "ours.log"), officer, { db: failingDb, store: racing, maxBytes: 1 << 20 });
    expect(res.status).toBe(500);
    expect(concurrent?.status).toBe(201);
    const { id, sha256 } = (await concurrent!.json()) as { id: string; sha256: string };
    const [row] = await t.db.select({ sha: evidenceItems.blobSha256 }).from(evidenceItems).where(eq(evidenceItems.id, id));
    expect(row?.sha).toBe(sha256);
    expect(await store.exists(sha256)).toBe(true);
    const read = await store.openRead(sha256);
    const chunks: Buffer[] = [];
    for await (const c of read) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe(content);
  });

  it("refuses a declared length over the limit without reading the body, and closes the connection", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(1024));
      },
    });
    const q = new URLSearchParams({ title: "Too big", kind: "document", fileName: "big.log" });
    const req = new Request(`http://localhost/api/evidence/upload?${q}`, {
      method: "POST",
      body,
      headers: { "content-length": String(2 << 20) },
      duplex: "half",
    } as RequestInit);
    const res = await handleEvidenceUpload(req, officer, { db: t.db, store, maxBytes: 1 << 20 });
    expect(res.status).toBe(413);
    expect(res.headers.get("connection")).toBe("close");
    // A ReadableStream pulls once to fill its queue when created; nothing more was asked for.
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("removes at start-up only staging files older than an hour", async () => {
    const tmp = path.join(dataDir, "blobs", "tmp");
    fs.mkdirSync(tmp, { recursive: true });
    const old = path.join(tmp, "0".repeat(32) + ".part");
    const fresh = path.join(tmp, "1".repeat(32) + ".part");
    fs.writeFileSync(old, "abandoned");
    fs.writeFileSync(fresh, "another instance is still writing this");
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await removeStaleUploads(store)).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    fs.rmSync(fresh);
  });
});
