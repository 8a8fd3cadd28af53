// `npm start`: builds the portal when the build is missing or older than the
// source, then serves it. The server applies migrations at start and, on the
// embedded database, seeds the demo data the first time and prints the sign-ins.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
const port = process.env.PORT ?? "3000";

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

const buildId = ".next/BUILD_ID";
const sources = ["app", "components", "lib", "db", "proxy.ts", "next.config.ts", "instrumentation.ts", "package.json"];
const newestSource = Math.max(...sources.map((s) => (fs.existsSync(s) && fs.statSync(s).isFile() ? fs.statSync(s).mtimeMs : newestMtime(s))));
if (!fs.existsSync(buildId) || fs.statSync(buildId).mtimeMs < newestSource) {
  console.log("Building Ringfence (first start or changed source)…");
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

console.log(`Starting Ringfence on http://localhost:${port} …`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
