/**
 * Sliding-window rate limit per API token, kept in this process's memory. With
 * several server instances each would count separately: move the window to a
 * shared store (PostgreSQL or Redis) before scaling out.
 */
export const API_RATE_LIMIT = { max: 60, windowMs: 60_000 };

const windows = new Map<string, number[]>();

/** Counts one request; returns null when allowed, or the seconds to wait. */
export function takeRateLimit(key: string, now = Date.now()): number | null {
  const since = now - API_RATE_LIMIT.windowMs;
  const hits = (windows.get(key) ?? []).filter((t) => t > since);
  if (hits.length >= API_RATE_LIMIT.max) {
    windows.set(key, hits);
    return Math.max(1, Math.ceil((hits[0]! + API_RATE_LIMIT.windowMs - now) / 1000));
  }
  hits.push(now);
  windows.set(key, hits);
  // Keep memory bounded: forget idle tokens now and then.
  if (windows.size > 10_000) for (const [k, v] of windows) if (v.every((t) => t <= since)) windows.delete(k);
  return null;
}

/** For tests and benchmarks. */
export function resetRateLimits(): void {
  windows.clear();
}
