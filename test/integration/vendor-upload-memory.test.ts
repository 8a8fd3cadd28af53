import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

const dataDir = makeTempDataDir();
const store = new FsBlobStore(path.join(dataDir, "blobs"));
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor;
const GB = 1024 * 1024 * 1024;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  officer = await actorFor(t.db, "officer@aegis.example");
});
afterAll(async () => t.dispose());

describe(`1 GB upload memory (${process.env.TEST_DB_DRIVER})`, () => {
  it("streams 1 GB through the upload path with RSS growth under 64 MB", async () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    // Generated chunks, never one buffer of the whole file; each chunk is fresh, as a socket would deliver it.
    const CHUNK = 256 * 1024;
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent >= GB) return c.close();
        const chunk = Buffer.alloc(CHUNK, (sent % 26) + 97);
        chunk[CHUNK - 1] = 0x0a;
        sent += CHUNK;
        c.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      },
    });
    const q = new URLSearchParams({ title: "One gigabyte of logs", kind: "telemetry_export", fileName: "huge.log" });
    const req = new Request(`http://localhost/api/evidence/upload?${q}`, { method: "POST", body, duplex: "half" } as RequestInit);
    const started = Date.now();
    const res = await handleEvidenceUpload(req, officer, { db: t.db, store, maxBytes: 2 * GB });
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const seconds = (Date.now() - started) / 1000;
    const growthMb = (peak - baseline) / 1024 / 1024;
    const body2 = await res.json();
    console.log(
      `1 GB upload: ${seconds.toFixed(1)} s, ${(1024 / seconds).toFixed(0)} MB/s, RSS growth ${growthMb.toFixed(1)} MB (gc ${gc ? "exposed" : "not exposed"})`,
    );
    expect(res.status).toBe(201);
    expect(body2.size).toBe(GB);
    expect(growthMb).toBeLessThan(64);
    await store.delete(body2.sha256);
  }, 300_000);
});
