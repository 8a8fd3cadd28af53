import { createHash } from "node:crypto";

/**
 * JSON Canonicalization Scheme (RFC 8785): a deterministic serialisation so
 * that equal JSON data always hashes to the same digest.
 *
 * - object members sorted by the UTF-16 code units of their names;
 * - no insignificant whitespace;
 * - numbers serialised as ECMAScript Number.prototype.toString does (-0 -> "0");
 * - strings escaped with only the mandatory escapes (\" \\ \b \t \n \f \r,
 *   other controls as lower-case \u00xx); all other characters as-is.
 *
 * Input is JSON data: null, booleans, finite numbers, strings, arrays and
 * plain objects. Objects with toJSON (e.g. Date) are converted first, and
 * object members whose value is undefined are omitted (as JSON.stringify
 * does). Everything else is refused with a CanonicalJsonError: NaN/Infinity,
 * bigint, functions, symbols, undefined as an array element or top-level
 * value, lone surrogates (not I-JSON), non-plain objects (Map, Set, class
 * instances…) and cycles.
 */

export class CanonicalJsonError extends TypeError {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`cannot canonicalize ${path}: ${message}`);
    this.name = "CanonicalJsonError";
    this.path = path;
  }
}

const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  0x08: "\\b",
  0x09: "\\t",
  0x0a: "\\n",
  0x0c: "\\f",
  0x0d: "\\r",
  0x22: '\\"',
  0x5c: "\\\\",
};

function serializeString(s: string, path: string): string {
  let out = '"';
  let run = 0; // start of the current run of characters copied verbatim
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = s.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      throw new CanonicalJsonError(path, `string contains a lone surrogate at index ${i}`);
    }
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(run, i) + (SHORT_ESCAPES[c] ?? `\\u${c.toString(16).padStart(4, "0")}`);
    run = i + 1;
  }
  return out + s.slice(run) + '"';
}

function serializeNumber(n: number, path: string): string {
  if (!Number.isFinite(n)) throw new CanonicalJsonError(path, `${n} is not a JSON number`);
  return Object.is(n, -0) ? "0" : String(n);
}

function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, path: string, stack: Set<object>): string {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    value = (value as { toJSON: (key: string) => unknown }).toJSON("");
  }
  switch (typeof value) {
    case "string":
      return serializeString(value, path);
    case "number":
      return serializeNumber(value, path);
    case "boolean":
      return value ? "true" : "false";
    case "object":
      break;
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
  if (value === null) return "null";
  if (stack.has(value)) throw new CanonicalJsonError(path, "cyclic structure");
  stack.add(value);
  try {
    if (Array.isArray(value)) {
      const parts: string[] = [];
      for (let i = 0; i < value.length; i++) parts.push(serialize(value[i], `${path}[${i}]`, stack));
      return `[${parts.join(",")}]`;
    }
    if (!isPlainObject(value)) {
      const ctor = (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
      throw new CanonicalJsonError(path, `${ctor} is not a plain JSON object`);
    }
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, exactly what RFC 8785 requires.
    const keys = Object.keys(record).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const member = record[key];
      if (member === undefined) continue;
      const childPath = `${path}.${key}`;
      parts.push(`${serializeString(key, childPath)}:${serialize(member, childPath, stack)}`);
    }
    return `{${parts.join(",")}}`;
  } finally {
    stack.delete(value);
  }
}

/** RFC 8785 canonical JSON text of `value`. */
export function canonicalize(value: unknown): string {
  return serialize(value, "$", new Set());
}

/** Lower-case hex SHA-256 of `data` (strings are hashed as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** sha256Hex(canonicalize(value)). */
export function canonicalDigest(value: unknown): string {
  return sha256Hex(canonicalize(value));
}
