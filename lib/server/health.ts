import { sql } from "drizzle-orm";
import type { DbHandle } from "@/db/client";

export type Health = { status: "ok" | "unavailable"; version: string; database: { kind: string; ok: boolean; latencyMs?: number; error?: string } };

/** Asks the database a trivial question with a deadline; `reachable` (the database gate's probe), when given, is asked first. */
export async function checkHealth(
  open: () => Promise<DbHandle>,
  version: string,
  kind: string,
  timeoutMs = 3000,
  reachable?: () => Promise<boolean>,
): Promise<Health> {
  const started = Date.now();
  try {
    if (reachable && !(await reachable())) throw new Error("unreachable");
    const handle = await withTimeout(open(), timeoutMs);
    await withTimeout(handle.db.execute(sql`select 1`), timeoutMs);
    return { status: "ok", version, database: { kind: handle.kind, ok: true, latencyMs: Date.now() - started } };
  } catch {
    return { status: "unavailable", version, database: { kind, ok: false, error: "the database did not answer" } };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}
