import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { authThrottle } from "@/db/schema";

export const THROTTLE_WINDOW_SECONDS = 60;
export const THROTTLE_MAX_FAILURES = 5;

/**
 * Failed sign-ins are counted per account and per client address in fixed
 * one-minute windows. The fifth failure locks the key until its window ends,
 * so a lock lasts at most a minute and attempts made during it neither count
 * nor extend it: an attacker cannot keep a real person out for long.
 * A browser holding a valid known-device cookie for the account
 * (lib/auth/known-device.ts) is counted on its own device key instead of the
 * account key, so others' failures never lock the owner's own device out.
 */
export function throttleKeys(email: string, clientAddress: string | null, knownDeviceId?: string | null): string[] {
  const keys = [knownDeviceId ? `device:${knownDeviceId}` : `account:${email.trim().toLowerCase()}`];
  if (clientAddress) keys.push(`address:${clientAddress}`);
  return keys;
}

/** Seconds the caller must wait, or 0 when none of the keys is locked. */
export async function secondsUntilAllowed(db: DbOrTx, keys: string[], now: Date = new Date()): Promise<number> {
  const rows = await db.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  let wait = 0;
  for (const r of rows) {
    if (r.lockedUntil && r.lockedUntil > now) wait = Math.max(wait, Math.ceil((r.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  return wait;
}

export async function recordFailure(db: DbOrTx, keys: string[], now: Date = new Date()): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_SECONDS * 1000);
  const nowIso = now.toISOString();
  for (const key of keys) {
    await db
      .insert(authThrottle)
      .values({ key, failures: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: authThrottle.key,
        set: {
          failures: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then 1 else ${authThrottle.failures} + 1 end`,
          windowStartedAt: sql`case when ${authThrottle.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then ${nowIso}::timestamptz else ${authThrottle.windowStartedAt} end`,
        },
      });
  }
  // Lock every key that reached the limit in its current window, until that window ends.
  await db
    .update(authThrottle)
    .set({ lockedUntil: sql`${authThrottle.windowStartedAt} + make_interval(secs => ${THROTTLE_WINDOW_SECONDS})` })
    .where(sql`${authThrottle.key} in ${keys} and ${authThrottle.failures} >= ${THROTTLE_MAX_FAILURES}`);
}

/** A successful sign-in clears the account's or device's counter it was checked against (never the address's). */
export async function clearAfterSuccess(db: DbOrTx, keys: string[]): Promise<void> {
  const own = keys.filter((k) => k.startsWith("account:") || k.startsWith("device:"));
  if (own.length) await db.delete(authThrottle).where(inArray(authThrottle.key, own));
}

/** Clears one counter (a second-factor success clears the person's factor counter). */
export async function clearThrottleKey(db: DbOrTx, key: string): Promise<void> {
  await db.delete(authThrottle).where(inArray(authThrottle.key, [key]));
}
