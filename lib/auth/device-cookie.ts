import "server-only";
import { cookies } from "next/headers";
import { getConfig } from "@/lib/config";
import { requestIsHttps } from "@/lib/http/request-scheme";
import {
  cookieValue,
  KNOWN_DEVICE_COOKIE,
  KNOWN_DEVICE_MAX_AGE_SECONDS,
  newDeviceId,
  signKnownDevice,
  verifyKnownDevice,
  type KnownDevice,
} from "./known-device";

/**
 * Over HTTPS the cookie is Secure and named with the `__Host-` prefix, which
 * browsers accept only from a secure origin, for the whole host (no Domain)
 * and path `/`: a sibling subdomain cannot plant or overwrite it.
 */
export function knownDeviceCookieName(https: boolean): string {
  return https ? `__Host-${KNOWN_DEVICE_COOKIE}` : KNOWN_DEVICE_COOKIE;
}

/** The verified known-device cookie a request carries, if any. */
export function knownDeviceFrom(headers: Headers): KnownDevice | null {
  return verifyKnownDevice(getConfig().authSecret, cookieValue(headers.get("cookie"), knownDeviceCookieName(requestIsHttps(headers))));
}

/**
 * After a successful sign-in: (re)issue the cookie for this person, keeping the
 * device id when the browser already held one for them. Works wherever Next
 * lets `cookies()` write: the sign-in server action and Auth.js's route handler.
 */
export async function rememberDevice(userId: string, current: KnownDevice | null, secure: boolean): Promise<void> {
  const deviceId = current?.userId === userId ? current.deviceId : newDeviceId();
  (await cookies()).set(knownDeviceCookieName(secure), signKnownDevice(getConfig().authSecret, userId, deviceId), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: KNOWN_DEVICE_MAX_AGE_SECONDS,
  });
}
