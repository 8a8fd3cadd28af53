import "server-only";
import { cookies } from "next/headers";
import { ZONE_COOKIE, safeZone } from "./time";

/** The reader's IANA time zone from the `tz` cookie (set by TimeZoneCookie); UTC when missing or unknown. */
export async function readerTimeZone(): Promise<string> {
  return safeZone((await cookies()).get(ZONE_COOKIE)?.value);
}
