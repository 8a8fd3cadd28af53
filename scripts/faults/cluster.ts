// A throwaway PostgreSQL cluster for the fault scripts: its own data folder and port, so
// stopping, crashing or freezing it never touches the shared server on 5432. As root,
// initdb refuses to run: the cluster then belongs to the `postgres` user (runuser).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export type Cluster = {
  port: number;
  dir: string;
  url: (database: string) => string;
  /** Runs SQL through psql on the `postgres` database (or another) and returns its output. */
  psql: (sql: string, database?: string) => string;
  /** Asynchronous, so the load and the probes keep running meanwhile. */
  start: () => Promise<void>;
  /** `pg_ctl stop -m <mode>`: immediate is a crash (no checkpoint, recovery at the next start). */
  stop: (mode: "immediate" | "fast") => Promise<void>;
  /** SIGSTOP / SIGCONT to the postmaster and every process it started: a hung database. */
  freeze: () => number[];
  thaw: (pids: number[]) => void;
  destroy: () => void;
};

/** Why the drills cannot run here (no PostgreSQL server binaries, no `postgres` user for root), or null. */
export function clusterUnavailable(): string | null {
  try {
    binDir();
  } catch (err) {
    return (err as Error).message;
  }
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0)
    return "running as root and there is no `postgres` user to own the throwaway cluster";
  return null;
}

function binDir(): string {
  if (process.env.PG_BIN) {
    if (!fs.existsSync(path.join(process.env.PG_BIN, "initdb"))) throw new Error(`PG_BIN=${process.env.PG_BIN} holds no initdb`);
    return process.env.PG_BIN;
  }
  const root = "/usr/lib/postgresql";
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (fs.existsSync(path.join(root, v, "bin", "initdb"))) return path.join(root, v, "bin");
  const out = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (out.status === 0) return out.stdout.trim();
  throw new Error("PostgreSQL server binaries not found: set PG_BIN to the folder holding initdb and pg_ctl");
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer().once("error", () => resolve(false));
    s.listen(port, "127.0.0.1", () => s.close(() => resolve(true)));
  });
}

export async function freePort(from: number, to: number): Promise<number> {
  for (let p = from; p <= to; p++) if (await portIsFree(p)) return p;
  throw new Error(`no free port in ${from}–${to}`);
}

export async function createCluster(): Promise<Cluster> {
  const bin = binDir();
  const port = await freePort(Number(process.env.FAULTS_PG_PORT ?? 55433), Number(process.env.FAULTS_PG_PORT ?? 55433) + 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rf-faults-pg-"));
  const asRoot = process.getuid?.() === 0;
  if (asRoot)
    fs.chownSync(
      dir,
      Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
      Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
    );
  const data = path.join(dir, "data");
  const run = (tool: string, args: string[]) => {
    const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
    const r = spawnSync(cmd, argv as string[], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed (${r.status}): ${r.stderr || r.stdout}`);
    return r.stdout;
  };
  const runAsync = (tool: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, tool), ...args]] : [path.join(bin, tool), args];
      const child = spawn(cmd, argv as string[], { stdio: ["ignore", "ignore", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => (err += d.toString()));
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${tool} ${args.join(" ")} failed (${code}): ${err}`))));
    });
  run("initdb", ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]);
  // fsync stays on (the default): an immediate stop must lose nothing that was committed.
  const startArgs = [
    "-D",
    data,
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`,
    "-l",
    path.join(dir, "log"),
    "-w",
    "-t",
    "120",
    "start",
  ];
  run("pg_ctl", startArgs);
  const psqlBin = path.join(bin, "psql");
  const cluster: Cluster = {
    port,
    dir,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    psql: (sql, database = "postgres") => {
      const r = spawnSync(
        fs.existsSync(psqlBin) ? psqlBin : "psql",
        ["-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql],
        { encoding: "utf8" },
      );
      if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
      return r.stdout.trim();
    },
    start: () => runAsync("pg_ctl", startArgs),
    stop: (mode) => runAsync("pg_ctl", ["-D", data, "-m", mode, "-w", "-t", "60", "stop"]),
    freeze: () => {
      const postmaster = Number(fs.readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
      const pids = [postmaster, ...childrenOf(postmaster)];
      for (const pid of pids) process.kill(pid, "SIGSTOP");
      return pids;
    },
    thaw: (pids) => {
      for (const pid of pids) {
        try {
          process.kill(pid, "SIGCONT");
        } catch {
          // already gone
        }
      }
    },
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // not running
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Processes whose parent is `pid`, from /proc (Linux). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid …; comm may contain spaces and parentheses.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
