// A bare Next.js page on the same machine and the same Next version: the floor the portal's
// baseline route (/up) is compared with. Two files (a root layout, a page rendered per request
// that prints the time), built once in a folder of the system's temporary directory (its
// node_modules a link to this repository's) and rebuilt when the Next version changes. It is built
// with webpack: Turbopack refuses a node_modules that links outside the project, and inside this
// repository Next would take the portal's instrumentation hook for the bare page's. Both builds run
// on the same Next server; the page is two elements. The portal's cost on top of this floor is its
// front door, proxy, headers and root layout.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { get, sleep } from "../faults/portal";

const DIR = path.join(os.tmpdir(), "ringfence-bare-next");
const FILES: Record<string, string> = {
  "package.json": '{ "private": true }\n',
  "next.config.mjs": "export default {};\n",
  "app/layout.jsx":
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  );\n}\n',
  "app/page.jsx":
    'import { connection } from "next/server";\n\nexport default async function Page() {\n  await connection();\n  return <p>Rendered at {new Date().toISOString()}</p>;\n}\n',
};

const nextBin = path.resolve("node_modules/next/dist/bin/next");
const nextVersion = () => (JSON.parse(fs.readFileSync(path.resolve("node_modules/next/package.json"), "utf8")) as { version: string }).version;

/** Writes the two files and builds them unless a build for this Next version is there. */
export function buildBareNext(log: (s: string) => void): void {
  const stamp = path.join(DIR, "built-with");
  const want = `${nextVersion()}\n${path.resolve("node_modules")}\n${JSON.stringify(FILES)}`;
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === want) return;
  fs.rmSync(DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(DIR, file)), { recursive: true });
    fs.writeFileSync(path.join(DIR, file), text);
  }
  const started = performance.now();
  fs.symlinkSync(path.resolve("node_modules"), path.join(DIR, "node_modules"));
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  const r = spawnSync(process.execPath, [nextBin, "build", "--webpack"], { cwd: DIR, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`building the bare Next page failed:\n${r.stdout}\n${r.stderr}`);
  fs.writeFileSync(stamp, want);
  log(`bare Next ${nextVersion()} page built in ${((performance.now() - started) / 1000).toFixed(0)} s (${DIR})`);
}

export async function startBareNext(port: number): Promise<{ origin: string; stop: () => Promise<void> }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" };
  delete env.NEXT_DIST_DIR;
  const child: ChildProcess = spawn(process.execPath, [nextBin, "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: DIR, env, stdio: "ignore" });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
  };
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`the bare Next page's server exited (${child.exitCode})`);
    const r = await get(`${origin}/`, {}, 2000).catch(() => null);
    if (r?.status === 200) return { origin, stop };
    await sleep(100);
  }
  await stop();
  throw new Error("the bare Next page's server did not answer in 60 s");
}
