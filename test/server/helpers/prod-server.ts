// Starts the built portal with `next start` on a free port (3200–3299), with its own data
// folder and embedded PGlite, for tests and benchmarks that must see the real HTTP stack
// (proxy, body handling, connection handling), not a handler called directly.
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type ProdServer = {
  port: number;
  origin: string;
  pid: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

export const distDir = () => process.env.NEXT_DIST_DIR ?? ".next";

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(distDir(), "BUILD_ID"))) {
    throw new Error(`No build in ${distDir()}: run \`NEXT_DIST_DIR=${distDir()} npx next build\` first (scripts/test.mjs does).`);
  }
}

async function freePort(from = Number(process.env.SERVER_TEST_PORT_FROM ?? 3200), to = from + 99): Promise<number> {
  for (let port = from; port <= to; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = net.createServer().once("error", () => resolve(false));
      s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

export async function startProdServer(env: Record<string, string> = {}): Promise<ProdServer> {
  assertBuilt();
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-server-"));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir(),
    RINGFENCE_DATA_DIR: dataDir,
    AUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    ...env,
  };
  // Embedded PGlite in the private folder (no database shared with another process), unless
  // the caller passes a DATABASE_URL of its own (test/server/helpers/database.ts).
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  delete childEnv.PGLITE_DIR;
  // Run Next's CLI with node directly so `pid` is the server process itself (RSS is measured on it).
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: childEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${out}`);
    try {
      // Health opens the database; the first start also migrates and seeds the demo data.
      const res = await fetch(`${origin}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not become healthy in 120 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { port, origin, pid: child.pid!, dataDir, output: () => out, stop };
}

/** Resident memory of a process in bytes (current and peak), from /proc (Linux). */
export function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), hwm: kb("VmHWM") };
}

/** Bytes the process has passed through read(2)-like calls so far (sockets included), from /proc/<pid>/io. */
export function bytesReadBy(pid: number): number {
  const io = fs.readFileSync(`/proc/${pid}/io`, "utf8");
  return Number(/^rchar:\s+(\d+)/m.exec(io)?.[1] ?? NaN);
}

/** Files under a folder of the server's data directory (e.g. "blobs/objects"). */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}
