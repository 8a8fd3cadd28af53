import { z } from "zod";

/**
 * Instants as RFC 3339 / ISO 8601 with a UTC offset. Accepted: seconds and
 * fractions optional (`2024-03-31T01:30+01:00`), offsets `Z`, `±HH:MM`, `±HHMM`
 * or `±HH`, `T`, `t` or a space between date and time. Output is the UTC form
 * (`toISOString()`). A time without an offset is refused with one message that
 * says so: a local time names a different instant in every zone.
 */

const MIN_INSTANT = Date.UTC(1970, 0, 1);
const MAX_INSTANT = Date.UTC(9999, 11, 31);
export const TIME_HINT = "e.g. 2024-07-19T04:09Z or 2024-07-19T06:09+02:00";
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

export type InstantResult = { ok: true; iso: string } | { ok: false; message: string };

/** Parse one instant; never throws. */
export function parseInstant(input: string): InstantResult {
  const s = input.trim();
  if (s === "") return { ok: false, message: `Enter a date and time, ${TIME_HINT}.` };
  const m = SHAPE.exec(s);
  if (!m) return { ok: false, message: `"${s.slice(0, 40)}" is not a date and time: use one such as ${TIME_HINT.replace(/^e\.g\. /, "")}.` };
  const [, y, mo, d, h, mi, sec, frac, z, sign, oh, om] = m;
  if (!z && !sign) return { ok: false, message: `Add a UTC offset to ${s.slice(0, 40)} (a local time is ambiguous), ${TIME_HINT}.` };
  const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, sec ?? "0"].map(Number) as [number, number, number, number, number, number];
  const day = new Date(Date.UTC(Y, M - 1, D));
  if (day.getUTCFullYear() !== Y || day.getUTCMonth() !== M - 1 || day.getUTCDate() !== D)
    return { ok: false, message: `${y}-${mo}-${d} is not a calendar date.` };
  if (H > 23 || MI > 59 || S > 59) return { ok: false, message: `${h}:${mi}${sec ? `:${sec}` : ""} is not a time of day.` };
  const offH = Number(oh ?? 0),
    offM = Number(om ?? 0);
  if (offH > 23 || offM > 59) return { ok: false, message: `${sign}${oh}${om ?? ""} is not a UTC offset.` };
  const ms = frac ? Math.floor(Number(`0${frac}`) * 1000) : 0;
  const offset = (sign === "-" ? -1 : 1) * (offH * 60 + offM);
  const t = Date.UTC(Y, M - 1, D, H, MI, S, ms) - offset * 60_000;
  if (t < MIN_INSTANT || t > MAX_INSTANT) return { ok: false, message: "Use a time between 1970 and 9999." };
  return { ok: true, iso: new Date(t).toISOString() };
}

/** The zod field: one issue per bad time, output normalised to UTC. */
export const instantSchema = z
  .string({ error: `Give a time with a UTC offset, ${TIME_HINT}.` })
  .transform((s, ctx) => {
    const r = parseInstant(s);
    if (r.ok) return r.iso;
    ctx.addIssue({ code: "custom", message: r.message });
    return z.NEVER;
  })
  .meta({
    pattern: "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?([Zz]|[+-]\\d{2}(:?\\d{2})?)$",
    description: `A time with a UTC offset (RFC 3339 / ISO 8601; seconds optional, offsets Z, ±HH:MM or ±HHMM), ${TIME_HINT}`,
  });

/** Compact UTC form for messages: 2024-07-19T05:27Z (seconds only when not zero). */
export function shortUtc(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const full = new Date(t).toISOString();
  return full.endsWith(":00.000Z") ? `${full.slice(0, 16)}Z` : full.replace(".000Z", "Z");
}
