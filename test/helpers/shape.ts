// A small description language for what a schema documents, written independently of zod:
// each shape generates valid inputs (for the mutator to break) and checks that a value the
// schema accepted really keeps the documented promise (lengths, trimmed, no control or
// unpaired-surrogate characters, UUIDs, enums, real dates, UTC instants, integers that fit a
// PostgreSQL integer, no keys beyond the documented ones) and equals what was sent.
import fc from "fast-check";
import { printable, validDate } from "./hostile";

export type Shape = {
  /** Valid inputs, in input form. */
  gen: fc.Arbitrary<unknown>;
  /** Throws unless `out` keeps the documented promise; `input` is what was sent in this place. */
  check: (out: unknown, input: unknown, path: string) => void;
  /** The key may be absent from an object. */
  optional?: boolean;
};

export const INT4_MAX = 2_147_483_647;

export function fail(path: string, message: string, value?: unknown): never {
  const shown = typeof value === "string" ? JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…(${value.length})` : value) : String(value);
  throw new Error(`${path || "(root)"}: ${message}${value === undefined ? "" : ` — got ${shown}`}`);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_EXCEPT_TAB_LF_CR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Text PostgreSQL stores unchanged and logs cannot be forged with: no NUL, no unpaired surrogate, no control characters (tab, LF, CR allowed in multi-line text). */
export function checkStorable(s: string, path: string, multiline: boolean): void {
  if (LONE_SURROGATE.test(s)) fail(path, "unpaired surrogate accepted", s);
  if ((multiline ? CONTROL_EXCEPT_TAB_LF_CR : CONTROL).test(s)) fail(path, "control character accepted", s);
}

type TextOptions = { multiline?: boolean; raw?: boolean; pattern?: RegExp; lower?: boolean; gen?: fc.Arbitrary<string> };

/** Length in characters (code points), as zod and PostgreSQL count them. */
export const chars = (s: string) => Array.from(s).length;

/**
 * Text of `min`..`max` characters. Default: trimmed, single-line, storable, equal to the
 * input trimmed. `raw`: kept exactly as sent (passwords, pasted documents), only NUL and
 * unpaired surrogates refused.
 */
export function text(min: number, max: number, o: TextOptions = {}): Shape {
  const base = o.gen ?? printable(Math.max(min, 0), Math.min(max, min + 40)).filter((s) => s.trim().length >= min || o.raw === true);
  const boundary = fc.constantFrom("é".repeat(max), "x".repeat(max + 1), "", ` ${"y".repeat(Math.max(min, 1))} `, "x".repeat(Math.max(min - 1, 0)));
  return {
    gen: fc.oneof({ weight: 9, arbitrary: base }, { weight: 1, arbitrary: o.pattern ? base : boundary }),
    check(out, input, path) {
      if (typeof out !== "string") return fail(path, "not a string", out);
      if (chars(out) < min || chars(out) > max) fail(path, `length ${chars(out)} outside ${min}..${max}`, out);
      if (o.raw) {
        if (LONE_SURROGATE.test(out) || out.includes("\u0000")) fail(path, "NUL or unpaired surrogate accepted", out);
      } else {
        if (out !== out.trim()) fail(path, "not trimmed", out);
        checkStorable(out, path, o.multiline ?? false);
      }
      if (o.pattern && !o.pattern.test(out)) fail(path, `does not match ${o.pattern}`, out);
      if (typeof input === "string") {
        let expected = o.raw ? input : input.trim();
        if (o.lower) expected = expected.toLowerCase();
        if (out !== expected) fail(path, "changed on the way through", out);
      }
    },
  };
}

/** Any string (response schemas document no more). */
export const anyString = (): Shape => ({
  gen: fc.string({ maxLength: 30 }),
  check: (out, _in, path) => void (typeof out !== "string" && fail(path, "not a string", out)),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = (): Shape => ({
  gen: fc.uuid({ version: [1, 4, 5, 7] }),
  check(out, input, path) {
    if (typeof out !== "string" || !UUID.test(out)) fail(path, "not a UUID", out);
    if (typeof input === "string" && out !== input) fail(path, "changed", out);
  },
});

export function oneOf<const T extends readonly (string | number)[]>(values: T): Shape {
  return {
    gen: fc.constantFrom(...values),
    check(out, input, path) {
      if (!values.includes(out as string | number)) fail(path, `not one of ${values.join(", ")}`, out);
      if (input !== undefined && out !== input) fail(path, "changed", out);
    },
  };
}

export const literal = (value: unknown): Shape => ({
  gen: fc.constant(value),
  check: (out, _in, path) => void (out !== value && fail(path, `not ${String(value)}`, out)),
});

/** A boolean; `fromString`: radio buttons may send "true"/"false". */
export function bool(o: { fromString?: boolean } = {}): Shape {
  return {
    gen: o.fromString ? fc.constantFrom(true, false, "true", "false") : fc.boolean(),
    check(out, input, path) {
      if (typeof out !== "boolean") return fail(path, "not a boolean", out);
      const expected = typeof input === "string" ? input === "true" : input;
      if (input !== undefined && out !== expected) fail(path, "changed", out);
    },
  };
}

/** A whole number in min..max; `max` is INT4_MAX where the value goes into an integer column. */
export function int(min: number, max: number): Shape {
  return {
    gen: fc.oneof(
      { weight: 9, arbitrary: fc.integer({ min, max: Math.min(max, Number.MAX_SAFE_INTEGER) }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max + 1, min + 0.5) },
    ),
    check(out, input, path) {
      if (typeof out !== "number" || !Number.isSafeInteger(out)) return fail(path, "not a whole number", out);
      if (out < min || out > max) fail(path, `outside ${min}..${max}`, out);
      if (typeof input === "number" && out !== input) fail(path, "changed", out);
    },
  };
}

/** A finite number in min..max. */
export function num(min = -Number.MAX_VALUE, max = Number.MAX_VALUE): Shape {
  return {
    gen: fc.oneof(
      { weight: 9, arbitrary: fc.double({ min, max, noNaN: true, noDefaultInfinity: true }) },
      { weight: 1, arbitrary: fc.constantFrom(min, max, min - 1, max * 1.5 + 1, NaN, -0) },
    ),
    check(out, input, path) {
      if (typeof out !== "number" || !Number.isFinite(out)) return fail(path, "not a finite number", out);
      if (out < min || out > max) fail(path, `outside ${min}..${max}`, out);
      if (typeof input === "number" && out !== input) fail(path, "changed", out);
    },
  };
}

/** A page number or similar read from a query string, coerced; anything malformed falls back. */
export function coercedInt(min: number, max: number): Shape {
  return {
    gen: fc.oneof(fc.integer({ min, max }), fc.integer({ min, max }).map(String)),
    check(out, _in, path) {
      if (typeof out !== "number" || !Number.isSafeInteger(out) || out < min || out > max) fail(path, `not a whole number in ${min}..${max}`, out);
    },
  };
}

/** YYYY-MM-DD naming a real day in years 1000–9999. */
export function isRealDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  return y >= 1000 && y <= 9999 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

export const date = (): Shape => ({
  gen: validDate,
  check(out, input, path) {
    if (typeof out !== "string" || !isRealDay(out)) fail(path, "not a real calendar date", out);
    if (typeof input === "string" && out !== input) fail(path, "changed", out);
  },
});

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const offsetArb = fc.integer({ min: -48, max: 56 }).map((q) => q * 15);

function withOffset(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return offsetMinutes === 0 ? `${local}Z` : `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** An instant sent with a UTC offset (between 1970 and 9999), normalised to UTC `toISOString()` form. */
export function instant(o: { from?: number; to?: number } = {}): Shape {
  const from = o.from ?? Date.UTC(2020, 0, 1);
  const to = o.to ?? Date.UTC(2030, 0, 1);
  return {
    gen: fc.tuple(fc.integer({ min: from / 1000, max: to / 1000 }), offsetArb).map(([s, off]) => withOffset(s * 1000, off)),
    check(out, input, path) {
      if (typeof out !== "string" || !UTC_ISO.test(out)) return fail(path, "not a UTC instant", out);
      const t = Date.parse(out);
      if (!(t >= Date.UTC(1970, 0, 1) && t <= Date.UTC(9999, 11, 31)) || new Date(t).toISOString() !== out)
        fail(path, "not an instant between 1970 and 9999", out);
      if (typeof input !== "string") return;
      if (!/([Zz]|[+-]\d{2}(:?\d{2})?)$/.test(input.trim())) fail(path, "a time without a UTC offset was accepted", input);
      // Plain RFC 3339 input: JavaScript reads it the same way, to the millisecond.
      if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(input) && Date.parse(input) !== t)
        fail(path, `names another instant than ${input}`, out);
    },
  };
}

/** An http(s) URL of at most `max` characters, storable. */
export function httpUrl(max: number): Shape {
  return {
    gen: fc.webUrl({ validSchemes: ["https", "http"], withQueryParameters: true, withFragments: true }).filter((u) => u.length <= max),
    check(out, input, path) {
      if (typeof out !== "string" || chars(out) > max) return fail(path, `not a URL of at most ${max} characters`, out);
      checkStorable(out, path, false);
      let u: URL;
      try {
        u = new URL(out);
      } catch {
        return fail(path, "not a URL", out);
      }
      if (u.protocol !== "https:" && u.protocol !== "http:") fail(path, "not http(s)", out);
      if (typeof input === "string" && out !== input.trim()) fail(path, "changed", out);
    },
  };
}

export const optional = (s: Shape): Shape => ({
  gen: fc.option(s.gen, { nil: undefined }),
  optional: true,
  check: (out, input, path) => void (out !== undefined && s.check(out, input, path)),
});

export const nullable = (s: Shape): Shape => ({
  gen: fc.option(s.gen, { nil: null }),
  check: (out, input, path) => void (out !== null && s.check(out, input, path)),
});

/** May be absent or null in input; always present in output, as null when absent. */
export const orNull = (s: Shape): Shape => ({
  gen: fc.oneof(s.gen, fc.constant(null), fc.constant(undefined)),
  optional: true,
  check(out, input, path) {
    if (out === undefined) fail(path, "absent instead of null");
    if (out === null) {
      if (input !== undefined && input !== null) fail(path, "a value became null", input);
      return;
    }
    s.check(out, input, path);
  },
});

/** Optional in input; `value` in output when absent. */
export const withDefault = (s: Shape, value: unknown): Shape => ({
  gen: fc.option(s.gen, { nil: undefined }),
  optional: true,
  check(out, input, path) {
    if (input === undefined && out !== value) fail(path, `absent, so should be ${JSON.stringify(value)}`, out);
    s.check(out, input, path);
  },
});

/** Accepted if any shape accepts it. */
export function union(...shapes: Shape[]): Shape {
  return {
    gen: fc.oneof(...shapes.map((s) => s.gen)),
    check(out, input, path) {
      const errors: string[] = [];
      for (const s of shapes) {
        try {
          s.check(out, input, path);
          return;
        } catch (e) {
          errors.push((e as Error).message);
        }
      }
      fail(path, `matches no documented form (${errors.join(" | ")})`);
    },
  };
}

export function array(of: Shape, min: number, max: number, o: { gen?: fc.Arbitrary<unknown[]> } = {}): Shape {
  return {
    gen: o.gen ?? fc.array(of.gen, { minLength: min, maxLength: Math.min(max, min + 4) }),
    check(out, input, path) {
      if (!Array.isArray(out)) return fail(path, "not an array", out);
      if (out.length < min || out.length > max) fail(path, `${out.length} items, outside ${min}..${max}`);
      if (Array.isArray(input) && input.length !== out.length) fail(path, "items dropped or added");
      out.forEach((v, i) => of.check(v, Array.isArray(input) ? input[i] : undefined, `${path}[${i}]`));
    },
  };
}

/** Anything (z.unknown); nothing to check but pollution. */
export const anything = (): Shape => ({ gen: fc.jsonValue({ maxDepth: 2 }), optional: true, check: () => {} });

const FORBIDDEN_KEYS = ["__proto__", "constructor", "prototype"];

/** A plain object with exactly the documented keys (unknown ones are dropped), each checked; `also` checks across fields. */
export function object(
  shape: Record<string, Shape>,
  o: { also?: (out: Record<string, unknown>, input: Record<string, unknown>, path: string) => void; gen?: fc.Arbitrary<unknown>; passthrough?: boolean } = {},
): Shape {
  const required = Object.keys(shape).filter((k) => !shape[k]!.optional);
  return {
    gen: o.gen ?? fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, s.gen])), { requiredKeys: required, noNullPrototype: true }),
    check(out, input, path) {
      if (typeof out !== "object" || out === null || Array.isArray(out)) return fail(path, "not an object", out);
      if (Object.getPrototypeOf(out) !== Object.prototype) fail(path, "output object has an unusual prototype");
      const o2 = out as Record<string, unknown>;
      const inp = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
      for (const k of Object.getOwnPropertyNames(o2)) {
        if (FORBIDDEN_KEYS.includes(k)) fail(path, `own key ${k} passed through`);
        if (!(k in shape) && !o.passthrough) fail(path, `undocumented key ${JSON.stringify(k)} passed through`);
      }
      for (const [k, s] of Object.entries(shape)) {
        const has = Object.prototype.hasOwnProperty.call(o2, k);
        if (!has && !s.optional) fail(`${path}.${k}`, "required but absent");
        if (has || s.optional) s.check(o2[k], Object.prototype.hasOwnProperty.call(inp, k) ? inp[k] : undefined, path ? `${path}.${k}` : k);
      }
      o.also?.(o2, inp, path);
    },
  };
}

/** Anything a custom generator makes, checked by a custom function. */
export const custom = (gen: fc.Arbitrary<unknown>, check: Shape["check"]): Shape => ({ gen, check });

/** An optional date from a form or query string: "", null and absent all become null. */
export const optionalDate = (): Shape => ({
  gen: fc.oneof(validDate, fc.constantFrom("", null, undefined)),
  optional: true,
  check(out, input, path) {
    if (out === null) {
      if (input !== undefined && input !== null && input !== "") fail(path, "a date became null", input);
      return;
    }
    date().check(out, input, path);
  },
});

/** Search text: at most `max` characters sent; what comes out is trimmed, well-formed and free of control characters. */
export const searchText = (max: number): Shape => ({
  gen: printable(0, 30),
  check(out, input, path) {
    if (typeof out !== "string" || chars(out) > max) return fail(path, `not a string of at most ${max} characters`, out);
    if (out !== out.trim()) fail(path, "not trimmed", out);
    checkStorable(out, path, false);
    if (typeof input === "string" && chars(input) > max && out !== "") fail(path, "over-long search used", input);
  },
});

/** A query-string choice: one of `values` as sent, or `fallback` when what was sent is not one of them. */
export const choiceOr = (values: readonly string[], fallback: string): Shape => ({
  gen: fc.constantFrom(...values),
  optional: true,
  check(out, input, path) {
    const expected = values.includes(input as string) ? input : fallback;
    if (out !== expected) fail(path, `should be ${String(expected)}`, out);
  },
});
