import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { problem } from "./problem";
import type { RateLimit, RateLimitName } from "./rate-limit-policy";

export { describeLimit, type RateLimitName } from "./rate-limit-policy";

/** One counter to take: the limit and whose counter it is (a token id, an organisation id, an address). */
export type RateLimitCheck = { limit: RateLimitName; subject: string };
export type RateLimitRefusal = { limit: RateLimitName; rule: RateLimit; retryAfterSeconds: number };

/**
 * Counts one hit on every counter named and says whether any is over its
 * limit. Fixed windows in the `rate_limits` table, so every server instance
 * shares them: the first hit after a window ends starts a new window with
 * count 1; a counter over its limit refuses until its window ends (at most
 * `windowSeconds`). Each hit is one atomic upsert, so concurrent requests
 * cannot both take the last place. A request refused by one counter is taken
 * back from the others (a token over its own limit does not use up its
 * organisation's); the refusing counter keeps it, without the window moving.
 * Pass the database itself, not a transaction that may roll back.
 */
export async function takeRateLimits(db: DbOrTx, checks: RateLimitCheck[], now: Date = new Date()): Promise<RateLimitRefusal | null> {
  const limits = getConfig().rateLimits;
  const counted: { key: string; windowStartedAt: Date }[] = [];
  for (const c of checks) {
    const rule = limits[c.limit];
    const key = `${c.limit}:${c.subject}`;
    const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000).toISOString();
    const expired = sql`${rateLimits.windowStartedAt} <= ${windowStart}::timestamptz`;
    const [row] = await db
      .insert(rateLimits)
      .values({ key, windowStartedAt: now, hits: 1 })
      .onConflictDoUpdate({
        target: rateLimits.key,
        set: {
          hits: sql`case when ${expired} then 1 else least(${rateLimits.hits} + 1, 2000000000) end`,
          windowStartedAt: sql`case when ${expired} then ${now.toISOString()}::timestamptz else ${rateLimits.windowStartedAt} end`,
        },
      })
      .returning({ hits: rateLimits.hits, windowStartedAt: rateLimits.windowStartedAt });
    if (!row) continue;
    if (row.hits > rule.max) {
      for (const done of counted) {
        await db
          .update(rateLimits)
          .set({ hits: sql`greatest(${rateLimits.hits} - 1, 0)` })
          .where(and(eq(rateLimits.key, done.key), eq(rateLimits.windowStartedAt, done.windowStartedAt)));
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((row.windowStartedAt.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
      return { limit: c.limit, rule, retryAfterSeconds };
    }
    counted.push({ key, windowStartedAt: row.windowStartedAt });
  }
  if (Math.random() < 0.002) await forgetOldWindows(db, now);
  return null;
}

/** Counters whose window ended long ago say nothing any more. */
export async function forgetOldWindows(db: DbOrTx, now: Date = new Date()): Promise<void> {
  const longest = Math.max(...Object.values(getConfig().rateLimits).map((r) => r.windowSeconds));
  await db.delete(rateLimits).where(lt(rateLimits.windowStartedAt, new Date(now.getTime() - Math.max(86_400, 2 * longest) * 1000)));
}

/** "Try again in 42 seconds." / "Try again in 3 minutes." */
export function tryAgainIn(seconds: number): string {
  return seconds < 120 ? `Try again in ${seconds} second${seconds === 1 ? "" : "s"}.` : `Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

/** 429 problem+json with Retry-After, for route handlers; `type` names the kind of problem (problem.ts). */
export function tooManyRequests(refusal: RateLimitRefusal, what: string, type: string): Response {
  const response = problem(429, "Too many requests", `${what} ${tryAgainIn(refusal.retryAfterSeconds)}`, type);
  response.headers.set("retry-after", String(refusal.retryAfterSeconds));
  return response;
}

/** For tests and benchmarks: every counter starts again. */
export async function resetRateLimits(db: DbOrTx): Promise<void> {
  await db.delete(rateLimits).where(sql`true`);
}
