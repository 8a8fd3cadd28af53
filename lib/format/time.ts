/**
 * Times for people. Every function takes the time zone explicitly, so the same call gives the
 * same text on the server and in the browser; pages get the reader's zone from readerTimeZone()
 * (lib/format/reader-zone.ts), which the root layout's TimeZoneCookie keeps up to date.
 */

/** The zone used when the reader's is not known yet (first request, cookies off). */
export const DEFAULT_ZONE = "UTC";
/** Name of the cookie that carries the reader's IANA zone, e.g. "Europe/Berlin". */
export const ZONE_COOKIE = "tz";

const ZONE_SHAPE = /^[A-Za-z0-9_+\-/]{1,64}$/;

/** True for an IANA zone name this runtime knows ("Europe/Berlin", "UTC"); false for anything else. */
// Zones already found valid: every signed-in page checks the reader's cookie, and building a
// formatter to ask is the costly part. Bounded: only real zone names get in, and they are few.
const KNOWN_ZONES = new Set<string>();
const KNOWN_ZONES_MAX = 1000;

export function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== "string" || !ZONE_SHAPE.test(zone)) return false;
  if (KNOWN_ZONES.has(zone)) return true;
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
  } catch {
    return false;
  }
  if (KNOWN_ZONES.size < KNOWN_ZONES_MAX) KNOWN_ZONES.add(zone);
  return true;
}

/** `zone` when it is a known zone, else UTC. */
export function safeZone(zone: string | null | undefined): string {
  return isTimeZone(zone) ? zone : DEFAULT_ZONE;
}

type When = Date | string | number;

function toDate(value: When): Date {
  return value instanceof Date ? value : new Date(value);
}

// Formatters by locale, zone and options. Pages format hundreds of dates per request: the options
// are this module's constants, so they are told apart by identity rather than by serialising them.
const formatters = new WeakMap<Intl.DateTimeFormatOptions, Map<string, Intl.DateTimeFormat>>();
function formatter(locale: string, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let byZone = formatters.get(options);
  if (!byZone) formatters.set(options, (byZone = new Map()));
  const key = `${locale}|${zone}`;
  let f = byZone.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    byZone.set(key, f);
  }
  return f;
}

const DAY: Intl.DateTimeFormatOptions = { day: "numeric", month: "numeric", year: "numeric" };
// Our own names: ICU versions differ ("Sep" or "Sept"), and server and browser must agree.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const CLOCK: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };
const DAY_CLOCK: Intl.DateTimeFormatOptions = { ...DAY, ...CLOCK };
const ZONE_NAME: Intl.DateTimeFormatOptions = { timeZoneName: "short" };

/**
 * The zone's short name at that instant: "CET" or "CEST" for Berlin, "BST", "EST", "UTC";
 * "GMT+5:30" where the English names have no abbreviation. British English names Europe's
 * zones, American English the Americas'; the offset form is used only when neither has a name.
 */
export function zoneName(value: When, zone: string): string {
  const at = toDate(value);
  const name = (locale: string) =>
    formatter(locale, zone, ZONE_NAME)
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName")?.value ?? zone;
  const gb = name("en-GB");
  if (!/^GMT[+-]/.test(gb)) return gb;
  const us = name("en-US");
  return /^GMT[+-]/.test(us) ? gb : us;
}

function parts(value: Date, zone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of formatter("en-GB", zone, options).formatToParts(value)) out[p.type] = p.value;
  if (out.month) out.month = MONTHS[Number(out.month) - 1] ?? out.month;
  if (out.day) out.day = String(Number(out.day));
  return out;
}

/** "3 Dec 2026, 14:05 CET": an instant in `zone`, with the zone named. "—" for a missing or invalid value. */
export function formatDateTime(value: When | null | undefined, zone: string): string {
  if (value === null || value === undefined) return "—";
  const at = toDate(value);
  if (Number.isNaN(at.getTime())) return "—";
  const p = parts(at, zone, DAY_CLOCK);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute} ${zoneName(at, zone)}`;
}

/** "3 Dec 2026, 14:05": for a chart axis whose title names the zone (see zoneNames). */
export function formatDateTimeNoZone(value: When, zone: string): string {
  const at = toDate(value);
  if (Number.isNaN(at.getTime())) return "—";
  const p = parts(at, zone, DAY_CLOCK);
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

/** "CET" or "CET/CEST": the zone's names over a span (for an axis title). */
export function zoneNames(from: When, to: When, zone: string): string {
  const a = zoneName(from, zone);
  const b = zoneName(to, zone);
  return a === b ? a : `${a}/${b}`;
}

/** "14:05 CET": the time of day in `zone`, with the zone named (for moments known to be today). */
export function formatTime(value: When, zone: string): string {
  const at = toDate(value);
  if (Number.isNaN(at.getTime())) return "—";
  const p = parts(at, zone, CLOCK);
  return `${p.hour}:${p.minute} ${zoneName(at, zone)}`;
}

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "3 Dec 2026". A calendar date ("2026-12-03", as periods and due dates are stored) is shown as
 * written, whatever the zone; an instant is shown as the day it was in `zone` (UTC by default).
 */
export function formatDate(value: Date | string | null | undefined, zone: string = DEFAULT_ZONE): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "string") {
    const m = CALENDAR_DAY.exec(value);
    if (m) {
      // No time zone is involved, so no formatter is needed: the date is read back from a UTC
      // date built from it (an impossible day such as 31 February rolls over as Date does).
      const at = new Date(0);
      at.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
    }
  }
  const at = toDate(value);
  if (Number.isNaN(at.getTime())) return "—";
  const p = parts(at, zone, DAY);
  return `${p.day} ${p.month} ${p.year}`;
}

/** "1 Jan 2026 to 30 Jun 2026": a period of calendar dates. */
export function formatPeriod(start: string, end: string): string {
  return `${formatDate(start)} to ${formatDate(end)}`;
}

/**
 * "2026-03-04 09:15 UTC": for the places that show UTC on purpose so every reader quotes the
 * same clock (the transparency log, signed statements, exports, e-mails).
 */
export function formatUtc(value: When): string {
  const at = toDate(value);
  if (Number.isNaN(at.getTime())) return "—";
  const iso = at.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Same as formatUtc (the name the rollout pages used). */
export const utc = formatUtc;
