// Upload throughput of a 1 GB generated file over loopback, next to `sha256sum` of the same file.
// A minimal HTTP server wraps the same staging path as POST /api/evidence/upload (stream → hash →
// temp file → sniff → commit), without the session and database steps, which cost the same for
// any file size. Run: npm run bench:upload  (tsx --conditions=react-server scripts/bench-upload.ts)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { stageEvidenceFile } from "@/lib/evidence/stage";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";

const SIZE = Number(process.env.BENCH_BYTES ?? 1024 * 1024 * 1024);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-bench-"));
const file = path.join(dir, "bench.log");
const store = new FsBlobStore(path.join(dir, "blobs"));

function makeFile() {
  const chunk = Buffer.alloc(1024 * 1024, "ringfence benchmark line\n");
  const fd = fs.openSync(file, "w");
  for (let done = 0; done < SIZE; done += chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, SIZE - done));
  fs.closeSync(fd);
}

const server = http.createServer(async (req, res) => {
  const ac = new AbortController();
  req.on("close", () => !req.complete && ac.abort());
  const out = await stageEvidenceFile(store, Readable.toWeb(req) as ReadableStream<Uint8Array>, "bench.log", { maxBytes: SIZE * 2, signal: ac.signal });
  if (!out.ok) {
    res.writeHead(out.response.status).end(await out.response.text());
    return;
  }
  await out.staged.commit();
  res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ sha256: out.staged.sha256, size: out.staged.size }));
});

async function upload(port: number): Promise<{ seconds: number; sha256: string }> {
  const started = process.hrtime.bigint();
  const body = await new Promise<string>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", headers: { "content-length": SIZE, "content-type": "application/octet-stream" } }, (res) => {
      let text = "";
      res.on("data", (d) => (text += d));
      res.on("end", () => (res.statusCode === 201 ? resolve(text) : reject(new Error(`${res.statusCode} ${text}`))));
    });
    req.on("error", reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, sha256: (JSON.parse(body) as { sha256: string }).sha256 };
}

async function main() {
  makeFile();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  const t0 = process.hrtime.bigint();
  const sum = execFileSync("sha256sum", [file]).toString().split(" ")[0];
  const shaSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const up = await upload(port);
  server.close();
  const mb = SIZE / 1024 / 1024;
  console.log(`file:        ${mb.toFixed(0)} MB`);
  console.log(`sha256sum:   ${shaSeconds.toFixed(2)} s  ${(mb / shaSeconds).toFixed(0)} MB/s`);
  console.log(`upload:      ${up.seconds.toFixed(2)} s  ${(mb / up.seconds).toFixed(0)} MB/s  (HTTP over loopback, hash + write + fsync + sniff + commit)`);
  console.log(`ratio:       ${(shaSeconds / up.seconds).toFixed(2)}  (upload throughput / sha256sum throughput; aim ≥ 0.5)`);
  console.log(`digest:      ${up.sha256 === sum ? "matches sha256sum" : `MISMATCH ${up.sha256} vs ${sum}`}`);
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
