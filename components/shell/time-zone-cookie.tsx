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

function isEditing(el: Element | null): boolean {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

/**
 * Tells the server the reader's time zone: server components cannot see it, so this records the
 * browser's IANA zone in the `tz` cookie (lib/format/reader-zone.ts reads it). When the page was
 * rendered in another zone (`rendered`, from the root layout), it is re-rendered once, after the
 * router has finished mounting and the browser is idle, so the refresh never competes with the
 * page's own start-up or with a navigation the reader starts at once.
 */
export function TimeZoneCookie({ rendered }: { rendered: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isTimeZone(zone)) return;
    if (cookieZone() !== zone) {
      const secure = window.location.protocol === "https:" ? "; Secure" : "";
      document.cookie = `${ZONE_COOKIE}=${zone}; Path=/; SameSite=Lax; Max-Age=${YEAR_SECONDS}${secure}`;
    }
    if (zone === rendered || cookieZone() !== zone) return;
    try {
      if (window.sessionStorage.getItem(REFRESHED_KEY) === zone) return;
      window.sessionStorage.setItem(REFRESHED_KEY, zone);
    } catch {
      // Storage unavailable: the cookie stuck, so the next render is in the right zone and this stops here.
    }
    // A page that shows no times (the not-found page) has nothing to re-render; under /_next/ and
    // /api/ a refresh would even reload the whole document.
    if (document.querySelector("[data-no-times]")) return;
    const startedAt = window.location.href;
    // Once the reader has started working on the page, a re-render could reset what they chose or
    // typed: the times stay in the first zone until the next page, which the cookie already fixes.
    let touched = isEditing(document.activeElement);
    const touch = () => {
      touched = true;
    };
    const events = ["pointerdown", "keydown", "input", "change"] as const;
    for (const e of events) window.addEventListener(e, touch, { capture: true, passive: true });
    const refresh = () => {
      // The reader has already moved on: the new page was rendered with the cookie.
      if (!touched && !isEditing(document.activeElement) && window.location.href === startedAt) router.refresh();
    };
    const idle = window.requestIdleCallback?.(refresh, { timeout: 2000 });
    const timer = idle === undefined ? window.setTimeout(refresh, 200) : undefined;
    return () => {
      for (const e of events) window.removeEventListener(e, touch, { capture: true });
      if (idle !== undefined) window.cancelIdleCallback(idle);
      if (timer !== undefined) window.clearTimeout(timer);
    };
  }, [router, rendered]);
  return null;
}
