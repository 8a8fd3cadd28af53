"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { ZONE_COOKIE, isTimeZone } from "@/lib/format";

const YEAR_SECONDS = 365 * 24 * 60 * 60;
// Per tab: a zone this tab already refreshed for. If the cookie does not stick (cookies blocked
// or rewritten) the page would otherwise refresh forever.
const REFRESHED_KEY = "ringfence.tz-refreshed";

function cookieZone(): string | null {
  const pair = document.cookie.split("; ").find((c) => c.startsWith(`${ZONE_COOKIE}=`));
  return pair ? pair.slice(ZONE_COOKIE.length + 1) : null;
}

/**
 * Tells the server the reader's time zone: server components cannot see it, so this records the
 * browser's IANA zone in the `tz` cookie and, when it was missing or different, re-renders the
 * page once so its times are shown in that zone (lib/format/reader-zone.ts reads the cookie).
 */
export function TimeZoneCookie() {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isTimeZone(zone) || cookieZone() === zone) return;
    const secure = window.location.protocol === "https:" ? "; Secure" : "";
    document.cookie = `${ZONE_COOKIE}=${zone}; Path=/; SameSite=Lax; Max-Age=${YEAR_SECONDS}${secure}`;
    if (cookieZone() !== zone) return;
    try {
      if (window.sessionStorage.getItem(REFRESHED_KEY) === zone) return;
      window.sessionStorage.setItem(REFRESHED_KEY, zone);
    } catch {
      // Storage unavailable: the cookie stuck, so the next render sees it and this effect stops here.
    }
    router.refresh();
  }, [router]);
  return null;
}
