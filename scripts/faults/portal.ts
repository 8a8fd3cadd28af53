// The built portal under `next start` for the fault scripts: started on a chosen port with
// its own data folder and database, killed for real, restarted on the same folder.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

export const distDir = () => process.env.NEXT_DIST_DIR ?? ".next";

export type PortalOptions = { port: number; dataDir: string; databaseUrl: string; authSecret: string };

export type Portal = {
  origin: string;
  pid: number;
  /** What the server printed. */
  output: () => string;
  kill: (signal: NodeJS.Signals) => Promise<void>;
  alive: () => boolean;
};

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(distDir(), "BUILD_ID"))) {
    throw new Error(`No production build in ${distDir()}: run \`NEXT_DIST_DIR=${distDir()} npx next build\` first.`);
  }
}

/** Starts `next start` (node running Next's CLI, so `pid` is the server itself) and waits for `ready`. */
/** The portal's own settings, also for scripts that must see what it sees (audit:verify reads the log key from its data folder). */
export function portalEnv(o: PortalOptions): Record<string, string> {
  return { RINGFENCE_DATA_DIR: o.dataDir, DATABASE_URL: o.databaseUrl, AUTH_SECRET: o.authSecret, PUBLIC_URL: `http://127.0.0.1:${o.port}` };
}

export async function startPortal(o: PortalOptions, ready: "healthy" | "listening" = "healthy", timeoutMs = 120_000): Promise<Portal> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir(), ...portalEnv(o) };
  delete env.PGLITE_DIR;
  const child: ChildProcess = spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-p", String(o.port), "-H", "127.0.0.1"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const origin = `http://127.0.0.1:${o.port}`;
  const portal: Portal = {
    origin,
    pid: child.pid!,
    output: () => out,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async (signal) => {
      if (portal.alive()) {
        child.kill(signal);
        await Promise.race([exited, sleep(10_000)]);
        if (portal.alive()) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      // FAULTS_LOG_DIR keeps what each server printed, for a closer look at a drill.
      if (process.env.FAULTS_LOG_DIR) fs.writeFileSync(path.join(process.env.FAULTS_LOG_DIR, `portal-${o.port}-${child.pid}.log`), out);
    },
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (!portal.alive()) throw new Error(`next start exited (${child.exitCode ?? child.signalCode}):\n${out}`);
    const r = await get(`${origin}/api/health`, {}, 5000).catch(() => null);
    if (r && (ready === "listening" || r.status === 200)) return portal;
    if (Date.now() > deadline) {
      await portal.kill("SIGKILL");
      throw new Error(`next start did not become ${ready} in ${timeoutMs / 1000} s:\n${out}`);
    }
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

/** One request over a fresh connection; rejects on a network error or after `timeoutMs`. */
export function request(method: string, url: string, headers: Record<string, string>, body?: Buffer | string, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { connection: "close", ...headers }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
      );
      res.on("error", reject);
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** Status, SHA-256 and size of a GET's body, streamed. */
export function downloadDigest(url: string, headers: Record<string, string>): Promise<{ status: number; sha256: string; size: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { connection: "close", ...headers }, agent: false }, (res) => {
      const hash = createHash("sha256");
      let size = 0;
      res.on("data", (c: Buffer) => {
        hash.update(c);
        size += c.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, sha256: hash.digest("hex"), size }));
      res.on("error", reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error("download timed out")));
    req.on("error", reject);
  });
}

export const get = (url: string, headers: Record<string, string> = {}, timeoutMs?: number) => request("GET", url, headers, undefined, timeoutMs);

/**
 * Uploads `chunks` as the raw body with a declared length, `pace` ms between chunks (so an
 * upload is still under way when the server is killed). Resolves with the answer; rejects
 * when the connection breaks first.
 */
export function streamUpload(url: string, headers: Record<string, string>, chunks: Iterable<Buffer>, length: number, paceMs: number): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        headers: { connection: "close", "content-type": "application/octet-stream", "content-length": String(length), ...headers },
        agent: false,
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on("data", (c: Buffer) => parts.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString("utf8"), ms: performance.now() - started }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(120_000, () => req.destroy(new Error("upload timed out")));
    void (async () => {
      for (const chunk of chunks) {
        if (req.destroyed) return;
        if (!req.write(chunk)) await drained(req);
        if (paceMs) await sleep(paceMs);
      }
      req.end();
    })();
  });
}

function drained(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off("drain", done).off("close", done);
      resolve();
    };
    req.on("drain", done).on("close", done);
  });
}

/** Sign-in over HTTP through Auth.js's credentials flow (CSRF token, then the callback): the session cookie. */
export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const csrf = await get(`${origin}/api/auth/csrf`);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const jar = cookies(csrf.headers);
  const res = await request(
    "POST",
    `${origin}/api/auth/callback/credentials`,
    { "content-type": "application/x-www-form-urlencoded", cookie: jar },
    new URLSearchParams({ csrfToken, email, password, callbackUrl: `${origin}/` }).toString(),
  );
  const session = (res.headers["set-cookie"] ?? []).find((c) => /^(__Secure-)?authjs\.session-token=/.test(c));
  if (!session) throw new Error(`sign-in as ${email} failed: ${res.status} ${res.headers.location ?? ""}`);
  return `${jar}; ${session.split(";")[0]}`;
}

function cookies(headers: http.IncomingHttpHeaders): string {
  return (headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
}

type ManifestEntry = { filename: string; exportedName: string; workers: Record<string, unknown> };

/** A server action's id from the build's manifest, and the page that uses it (its path with `[param]` segments). */
export function actionRef(file: string, name: string): { id: string; worker: string } {
  const manifest = JSON.parse(fs.readFileSync(path.join(distDir(), "server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, ManifestEntry>;
  };
  const hit = Object.entries(manifest.node).find(([, a]) => a.filename === file && a.exportedName === name);
  if (!hit) throw new Error(`server action ${file}#${name} is not in the build`);
  return { id: hit[0], worker: Object.keys(hit[1].workers)[0] ?? "app/page" };
}

/**
 * Calls a server action the way Next's client does (a POST to the page with the action's id)
 * and returns the raw answer; `actionResult` reads the action's return value out of it.
 */
export function callAction(origin: string, cookie: string, ref: { id: string }, pagePath: string, arg: unknown, timeoutMs = 60_000): Promise<Answer> {
  return request(
    "POST",
    `${origin}${pagePath}`,
    { "next-action": ref.id, accept: "text/x-component", "content-type": "text/plain;charset=UTF-8", origin, cookie },
    JSON.stringify([arg]),
    timeoutMs,
  );
}

/** The action's `{ ok, ... }` result from an RSC answer, or null when there is none. */
export function actionResult(body: string): { ok: boolean; data?: Record<string, unknown>; formError?: string } | null {
  for (const line of body.split("\n")) {
    const json = line.slice(line.indexOf(":") + 1);
    if (!json.startsWith('{"ok":')) continue;
    try {
      return JSON.parse(json) as { ok: boolean; data?: Record<string, unknown> };
    } catch {
      // not this line
    }
  }
  return null;
}
