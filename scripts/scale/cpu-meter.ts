// Wall time next to CPU time: this Node process's (process.cpuUsage) and that of the PostgreSQL
// backends serving the benchmark's database (read from /proc: the server runs on this machine). On a
// shared, loaded machine the wall time says more about the neighbours than about the code; the CPU
// times say what the work costs.
import fs from "node:fs";
import type postgres from "postgres";

const TICK_MS = 10; // CLK_TCK is 100 on Linux

/** CPU time (user + system) a process has used so far, in ms; 0 when it cannot be read. */
export function processCpuMs(pid: number): number {
  return ticks(pid) * TICK_MS;
}

function ticks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

export async function backends(sql: postgres.Sql): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }[]>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
  return new Map(rows.map((r) => [r.pid, ticks(r.pid)]));
}

export type Metered<T> = { value: T; wallMs: number; nodeMs: number; pgMs: number };

export async function metered<T>(sql: postgres.Sql, f: () => Promise<T>): Promise<Metered<T>> {
  const before = await backends(sql);
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const wallMs = performance.now() - t0;
  const used = process.cpuUsage(cpu);
  return { value, wallMs, nodeMs: (used.user + used.system) / 1000, pgMs: backendCpuMs(before, await backends(sql)) };
}

/** CPU ms the database's backends used between two `backends()` readings (backends that started in between count from 0). */
export function backendCpuMs(before: Map<number, number>, after: Map<number, number>): number {
  let t = 0;
  for (const [pid, n] of after) t += n - (before.get(pid) ?? 0);
  return t * TICK_MS;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const cpuLine = (m: Metered<unknown>) => `${seconds(m.wallMs)} wall; CPU: Node ${seconds(m.nodeMs)}, PostgreSQL ${seconds(m.pgMs)}`;
