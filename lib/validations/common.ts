import { z } from "zod";

/**
 * Building blocks for input PostgreSQL can always hold, shared by every form,
 * upload and API schema. PostgreSQL refuses U+0000 in text and jsonb and any
 * lone UTF-16 surrogate (postgres.js would send U+FFFD instead, silently
 * changing the text); other control characters are refused so stored text
 * cannot forge log lines or hide content. Dates must exist on the calendar.
 */

export const UNSAFE_TEXT_MESSAGE = "Remove control characters and broken (unpaired) Unicode characters from this text.";

// C0 controls, DEL and C1 controls; multi-line text may keep tab, line feed and carriage return.
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when `s` is well-formed UTF-16 and has no control characters (tab/CR/LF allowed when `multiline`). */
export function isSafeText(s: string, multiline = false): boolean {
  return s.isWellFormed() && !(multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(s);
}

export type TextMessages = { tooLong?: string; unsafe?: string; type?: string };

function text(max: number, multiline: boolean, m: TextMessages) {
  return z
    .string(m.type ? { error: m.type } : undefined)
    .trim()
    .max(max, m.tooLong ?? `Use at most ${max.toLocaleString("en")} characters.`)
    .refine((s) => isSafeText(s, multiline), m.unsafe ?? UNSAFE_TEXT_MESSAGE);
}

/** Single-line text: trimmed, at most `max` characters, no control characters, well-formed. Chain `.min()` for required fields. */
export function safeText(max: number, messages: TextMessages = {}) {
  return text(max, false, messages);
}

/** Multi-line text: as `safeText`, but tab, line feed and carriage return are kept. */
export function safeMultiline(max: number, messages: TextMessages = {}) {
  return text(max, true, messages);
}

/** A string kept exactly as sent (no trim), e.g. a password or a pasted document: well-formed and no NUL. */
export function wellFormed(max: number, tooLong = `Use at most ${max.toLocaleString("en")} characters.`) {
  return z
    .string()
    .max(max, tooLong)
    .refine((s) => s.isWellFormed() && !s.includes("\u0000"), UNSAFE_TEXT_MESSAGE);
}

/** Largest value of a PostgreSQL integer column. */
export const INT4_MAX = 2_147_483_647;

/** The stored version a form was based on (0 = never saved): a whole number whose successor still fits an integer column. */
export function formVersion() {
  return z
    .number()
    .int()
    .min(0)
    .max(INT4_MAX - 1);
}

export const DATE_MESSAGE = "Use a date that exists, as YYYY-MM-DD (e.g. 2026-03-31).";
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;

/** True when `s` is YYYY-MM-DD naming a real calendar day in years 1000–9999. */
export function isRealDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < MIN_YEAR || y > MAX_YEAR) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** A calendar date (YYYY-MM-DD) that exists, in years 1000–9999. */
export function isoDate(message = DATE_MESSAGE) {
  return z.string({ error: message }).refine(isRealDate, message);
}

/** An optional date from a form or query string: "" and null become null. */
export function optionalIsoDate(message = DATE_MESSAGE) {
  return z
    .union([isoDate(message), z.literal(""), z.null()], { error: message })
    .optional()
    .transform((v) => (v ? v : null));
}

/**
 * Path of the first string or object key jsonb cannot hold (NUL, lone
 * surrogate), or null when `value` is safe. For JSON built from input before
 * it is stored, e.g. audit details.
 */
export function unsafeJsonPath(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  const bad = (s: string) => !s.isWellFormed() || s.includes("\u0000");
  if (typeof value === "string") return bad(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unsafeJsonPath(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (bad(k)) return [...path, k];
      const found = unsafeJsonPath(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}
