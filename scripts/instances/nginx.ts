// nginx in front of the portal instances for the instances drill: its own configuration,
// pid file, temp folders and error log in a throwaway folder, in the foreground (`daemon off`),
// so killing the process it started stops it.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { get, sleep } from "../faults/portal";

export type Nginx = { origin: string; pid: number; config: string; errorLog: () => string; stop: () => Promise<void> };

export function nginxBinary(): string | null {
  for (const p of [process.env.NGINX_BIN, "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx"]) if (p && fs.existsSync(p)) return p;
  const which = spawnSync("which", ["nginx"], { encoding: "utf8" });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** The configuration: round robin over `upstreams`, failing over to the next one when a connection is refused or times out. */
export function nginxConfig(o: { prefix: string; port: number; upstreams: number[] }): string {
  const t = (name: string) => path.join(o.prefix, name);
  return `# Ringfence behind nginx: two (or more) portal instances, round robin.
${process.getuid?.() === 0 ? "user root;\n" : ""}worker_processes 1;
daemon off;
pid ${t("nginx.pid")};
error_log ${t("error.log")} warn;

events { worker_connections 256; }

http {
  access_log ${t("access.log")};
  client_body_temp_path ${t("client_body")};
  proxy_temp_path ${t("proxy")};
  fastcgi_temp_path ${t("fastcgi")};
  uwsgi_temp_path ${t("uwsgi")};
  scgi_temp_path ${t("scgi")};

  upstream ringfence {
${o.upstreams.map((p) => `    server 127.0.0.1:${p};`).join("\n")}
  }

  server {
    listen 127.0.0.1:${o.port};

    # Evidence uploads stream through to the portal, which enforces its own size limit.
    client_max_body_size 2g;
    proxy_request_buffering off;
    proxy_buffering off;

    location / {
      proxy_pass http://ringfence;
      proxy_http_version 1.1;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      # A dead instance refuses the connection: the request goes to the next one.
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_read_timeout 300s;
      proxy_send_timeout 300s;
    }
  }
}
`;
}

export async function startNginx(o: { port: number; upstreams: number[] }): Promise<Nginx> {
  const bin = nginxBinary();
  if (!bin) throw new Error("nginx not found: install it or set NGINX_BIN");
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "rf-instances-nginx-"));
  const config = path.join(prefix, "nginx.conf");
  fs.writeFileSync(config, nginxConfig({ prefix, port: o.port, upstreams: o.upstreams }));
  const errorLog = path.join(prefix, "error.log");
  const test = spawnSync(bin, ["-t", "-q", "-p", prefix, "-c", config, "-e", errorLog], { encoding: "utf8" });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child: ChildProcess = spawn(bin, ["-p", prefix, "-c", config, "-e", errorLog], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const origin = `http://127.0.0.1:${o.port}`;
  const nginx: Nginx = {
    origin,
    pid: child.pid!,
    config,
    errorLog: () => (fs.existsSync(errorLog) ? fs.readFileSync(errorLog, "utf8") : "") + stderr,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGQUIT");
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGKILL");
          await exited;
        }
      }
      if (!process.env.INSTANCES_KEEP) fs.rmSync(prefix, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited (${child.exitCode}): ${nginx.errorLog()}`);
    const r = await get(`${origin}/api/health`, {}, 2000).catch(() => null);
    if (r) return nginx;
    if (Date.now() > deadline) {
      await nginx.stop();
      throw new Error(`nginx did not answer on ${origin}: ${nginx.errorLog()}`);
    }
    await sleep(100);
  }
}
