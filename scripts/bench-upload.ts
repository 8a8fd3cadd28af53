// Upload throughput through the real server (`next start` on the build in $NEXT_DIST_DIR, default
// .next), next to `sha256sum` of the same file, with the server's memory: RSS before, peak during
// and after the upload, and after 50 anonymous bodies that stall after 8 MB.
// Run: npm run bench:upload   (BENCH_BYTES=… for another size; default 1 GB; needs `next build`)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { memoryOf, startProdServer } from "../test/server/helpers/prod-server";
import { signIn } from "../test/server/helpers/session";
import { writeBenchJson } from "./bench/json";

const SIZE = Number(process.env.BENCH_BYTES ?? 1024 * 1024 * 1024);
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-bench-"));
const file = path.join(dir, "bench.log");

function makeFile() {
  const chunk = Buffer.alloc(1024 * 1024, "ringfence benchmark line\n");
  const fd = fs.openSync(file, "w");
  for (let done = 0; done < SIZE; done += chunk.length) fs.writeSync(fd, chunk, 0, Math.min(chunk.length, SIZE - done));
  fs.closeSync(fd);
}

async function upload(port: number, cookie: string): Promise<{ seconds: number; status: number; body: string }> {
  const started = process.hrtime.bigint();
  const q = new URLSearchParams({ title: "Benchmark upload", kind: "document", fileName: "bench.log" });
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: `/api/evidence/upload?${q}`,
        headers: { cookie, "content-length": SIZE, "content-type": "application/octet-stream" },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => (text += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    fs.createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, status, body };
}

/** Opens `n` connections that each POST 8 MB of a declared 600 MB body to a page and then stall. */
async function stalledBodies(port: number, n: number): Promise<{ answered: number; sockets: net.Socket[] }> {
  let answered = 0;
  const sockets = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise<net.Socket>((resolve) => {
          const s = net.connect(port, "127.0.0.1", () => {
            s.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nContent-Length: ${600 * 1024 * 1024}\r\n\r\n`);
            s.write(Buffer.alloc(8 * 1024 * 1024, "x"), () => resolve(s));
          });
          s.once("data", () => answered++);
          s.on("error", () => resolve(s));
        }),
    ),
  );
  await new Promise((r) => setTimeout(r, 2000));
  return { answered, sockets };
}

function sha256sum(): { sum: string; seconds: number } {
  const t0 = process.hrtime.bigint();
  const sum = execFileSync("sha256sum", [file]).toString().split(" ")[0]!;
  return { sum, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

async function main() {
  makeFile();
  // Timed before and after the upload, the faster counts: the first run can still be paying
  // for the freshly written file's write-back.
  const first = sha256sum();
  const server = await startProdServer({ UPLOAD_MAX_BYTES: String(SIZE * 2) });
  try {
    const cookie = await signIn(server.origin, "officer@aegis.example");
    const before = memoryOf(server.pid);
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(server.pid).rss)), 20);
    const up = await upload(server.port, cookie);
    clearInterval(sampler);
    if (up.status !== 201) throw new Error(`upload answered ${up.status}: ${up.body}`);
    const after = memoryOf(server.pid);
    const stalled = await stalledBodies(server.port, 50);
    const afterStalled = memoryOf(server.pid);
    for (const s of stalled.sockets) s.destroy();
    const second = sha256sum();
    const sum = first.sum;
    const shaSeconds = Math.min(first.seconds, second.seconds);
    const digest = (JSON.parse(up.body) as { sha256: string }).sha256;
    const size = SIZE / 1024 / 1024;
    console.log(`file:            ${mb(SIZE)}`);
    console.log(`sha256sum:       ${shaSeconds.toFixed(2)} s  ${(size / shaSeconds).toFixed(0)} MB/s`);
    console.log(
      `upload:          ${up.seconds.toFixed(2)} s  ${(size / up.seconds).toFixed(0)} MB/s  (next start over loopback: session, hash, write, fsync, sniff, commit, row)`,
    );
    console.log(`ratio:           ${(shaSeconds / up.seconds).toFixed(2)}  (upload throughput / sha256sum throughput)`);
    console.log(`digest:          ${digest === sum ? "matches sha256sum" : `MISMATCH ${digest} vs ${sum}`}`);
    console.log(
      `server RSS:      before ${mb(before.rss)}, peak during upload ${mb(peak)} (+${mb(peak - before.rss)}), after ${mb(after.rss)}; VmHWM ${mb(after.hwm)} (includes start-up)`,
    );
    console.log(
      `stalled bodies:  50 anonymous POSTs of 8 MB (of a declared 600 MB), stalled: ${stalled.answered} answered at once; RSS ${mb(afterStalled.rss)} (${afterStalled.rss >= after.rss ? "+" : "-"}${mb(Math.abs(afterStalled.rss - after.rss))})`,
    );
    writeBenchJson({
      bytes: SIZE,
      uploadMBps: size / up.seconds,
      sha256sumMBps: size / shaSeconds,
      ratio: shaSeconds / up.seconds,
      digestMatches: digest === sum,
      rssPeakGrowthMB: (peak - before.rss) / 1024 / 1024,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(1);
});
