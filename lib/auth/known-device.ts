import crypto from "node:crypto";

/**
 * A "known device" cookie, issued after a successful sign-in. While an
 * account is locked by failures from elsewhere, a browser that holds a valid
 * cookie for that account may still sign in (its own failures count on a key
 * for that device), so strangers cannot keep the real owner out.
 * Format: v1.<userId>.<deviceId>.<expires, unix seconds>.<HMAC-SHA256, base64url>.
 */
export const KNOWN_DEVICE_COOKIE = "ringfence-device";
export const KNOWN_DEVICE_MAX_AGE_SECONDS = 180 * 24 * 60 * 60;

export type KnownDevice = { userId: string; deviceId: string; expiresAt: Date };

const ID = /^[0-9a-f-]{36}$|^[A-Za-z0-9_-]{22}$/;

function mac(secret: string, payload: string): Buffer {
  // A context label keeps this MAC from ever matching another use of the same secret.
  return crypto.createHmac("sha256", secret).update(`ringfence known-device ${payload}`).digest();
}

export function newDeviceId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function signKnownDevice(secret: string, userId: string, deviceId: string, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + KNOWN_DEVICE_MAX_AGE_SECONDS;
  const payload = `v1.${userId}.${deviceId}.${expires}`;
  return `${payload}.${mac(secret, payload).toString("base64url")}`;
}

/** The device a cookie value names, or null if it is malformed, forged or expired. */
export function verifyKnownDevice(secret: string, value: string | null | undefined, now: Date = new Date()): KnownDevice | null {
  if (!value || value.length > 300) return null;
  const parts = value.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") return null;
  const [, userId = "", deviceId = "", expires = "", signature = ""] = parts;
  if (!ID.test(userId) || !ID.test(deviceId) || !/^\d{1,12}$/.test(expires)) return null;
  const expected = mac(secret, `v1.${userId}.${deviceId}.${expires}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
  const expiresAt = new Date(Number(expires) * 1000);
  if (expiresAt <= now) return null;
  return { userId, deviceId, expiresAt };
}

/** One cookie's value from a Cookie header. */
export function cookieValue(cookieHeader: string | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}
