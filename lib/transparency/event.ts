import { canonicalize } from "@/lib/crypto/canonical-json";

/**
 * One log event as hashed. The leaf data is the RFC 8785 canonical JSON of this
 * object, UTF-8 encoded; the database keeps those exact bytes in `body`.
 * People appear by id only.
 */
export type LogEventBody = {
  v: 1;
  seq: number;
  /** UTC, millisecond precision, e.g. "2026-12-03T08:00:00.123Z". */
  at: string;
  actor: { user: string | null; org: string | null; role: string | null };
  client: string | null;
  action: string;
  object: { type: string; id: string | null };
  detail: Record<string, unknown>;
};

export function eventBody(e: Omit<LogEventBody, "v">): string {
  return canonicalize({ v: 1, ...e } satisfies LogEventBody);
}

/** Parses a stored body; null when it is not a well-formed event. */
export function parseEventBody(body: string): LogEventBody | null {
  let e: unknown;
  try {
    e = JSON.parse(body);
  } catch {
    return null;
  }
  if (!e || typeof e !== "object") return null;
  const o = e as Partial<LogEventBody>;
  if (
    o.v !== 1 ||
    !Number.isSafeInteger(o.seq) ||
    typeof o.at !== "string" ||
    typeof o.action !== "string" ||
    !o.actor ||
    !o.object ||
    !o.detail ||
    typeof o.detail !== "object"
  )
    return null;
  return o as LogEventBody;
}
