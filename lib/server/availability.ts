/**
 * Is the database there? The answer every request needs before it is worth
 * running: when PostgreSQL is stopped, restarting or hung, the portal answers
 * 503 at once instead of 500s or requests that hang (lib/http/database-gate.ts).
 *
 * A probe (one trivial query with a deadline) decides; its answer is trusted
 * for a short while, so a busy server asks at most about once per `okTtlMs`,
 * and concurrent requests share one probe. `invalidate()` (the probe's
 * connection closed: PostgreSQL went away) makes the next request ask again.
 * No imports: the HTTP hook and the start-up code share one instance per process.
 */
export type AvailabilityOptions = {
  /** How long a successful probe is trusted. */
  okTtlMs: number;
  /** How long a failed probe is trusted before the next request asks again. */
  downTtlMs: number;
  /** A probe that has not answered by then counts as failed. */
  timeoutMs: number;
  /** Called when a probe timed out (its connection may be stuck: drop it). */
  onTimeout?: () => void;
  now?: () => number;
};

export type Known = "ok" | "down" | "stale";

export type Availability = {
  /** What is known without asking. */
  known(): Known;
  /** Probes now (or joins the probe under way); true when the database answered in time. */
  check(): Promise<boolean>;
  /** The last answer while it is fresh, otherwise a probe. */
  available(): Promise<boolean>;
  /** Forget the last answer (a connection closed): the next request probes. */
  invalidate(): void;
  /** Since when the database has been failing, for log messages; null when it answers. */
  downSince(): number | null;
};

export function createAvailability(probe: () => Promise<void>, opts: AvailabilityOptions): Availability {
  const now = opts.now ?? Date.now;
  let status: "ok" | "down" | "unknown" = "unknown";
  let checkedAt = 0;
  let failingSince: number | null = null;
  let inflight: Promise<boolean> | undefined;

  const settle = (ok: boolean) => {
    status = ok ? "ok" : "down";
    checkedAt = now();
    if (ok) failingSince = null;
    else failingSince ??= checkedAt;
    return ok;
  };

  const check = (): Promise<boolean> => {
    inflight ??= new Promise<boolean>((resolve) => {
      let done = false;
      const finish = (ok: boolean) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        inflight = undefined;
        resolve(settle(ok));
      };
      const timer = setTimeout(() => {
        opts.onTimeout?.();
        finish(false);
      }, opts.timeoutMs);
      probe().then(
        () => finish(true),
        () => finish(false),
      );
    });
    return inflight;
  };

  const known = (): Known => {
    const age = now() - checkedAt;
    if (status === "ok" && age < opts.okTtlMs) return "ok";
    if (status === "down" && age < opts.downTtlMs) return "down";
    return "stale";
  };

  return {
    known,
    check,
    available: () => {
      const k = known();
      return k === "stale" ? check() : Promise.resolve(k === "ok");
    },
    invalidate() {
      if (status === "ok") status = "unknown";
    },
    downSince: () => failingSince,
  };
}

const KEY = Symbol.for("ringfence.database-availability");
type Holder = typeof globalThis & { [KEY]?: Availability };

/** The process's instance (set at start-up on PostgreSQL); undefined on the embedded database, which lives in the process. */
export function processAvailability(): Availability | undefined {
  return (globalThis as Holder)[KEY];
}

export function setProcessAvailability(a: Availability | undefined): void {
  (globalThis as Holder)[KEY] = a;
}
