import type { Sql } from "postgres";

/**
 * `select 1` on a connection of its own, not the pool's: under load every pool
 * connection may be busy, and a probe queued behind them would time out and
 * report a healthy database as down. `onClosed` fires when that connection
 * closes, which is the first sign that PostgreSQL went away.
 */
export function createPostgresProbe(url: string, opts: { timeoutMs: number; onClosed: () => void }) {
  let sql: Sql | undefined;
  const open = async (): Promise<Sql> => {
    if (sql) return sql;
    const { default: postgres } = await import("postgres");
    sql = postgres(url, {
      max: 1,
      connect_timeout: Math.max(1, Math.ceil(opts.timeoutMs / 1000)),
      onnotice: () => {},
      onclose: () => opts.onClosed(),
      connection: { application_name: "ringfence-health-probe" },
    });
    return sql;
  };
  return {
    async probe(): Promise<void> {
      const s = await open();
      await s`select 1`;
    },
    /** Drops the connection (a probe timed out on it: it may hang); the next probe opens a new one. */
    reset(): void {
      const s = sql;
      sql = undefined;
      void s?.end({ timeout: 0 }).catch(() => {});
    },
  };
}
