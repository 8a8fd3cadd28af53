import crypto from "node:crypto";

// Control characters (C0, DEL, C1), line/paragraph separators, bidi embeddings,
// overrides and isolates, and unpaired surrogates: anything that could end a log
// line, move the cursor, recolour a terminal or reorder what an operator reads.
const UNSAFE_IN_LOG =
  /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SHORT: Readonly<Record<string, string>> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Escapes `s` so it prints as exactly one log line, showing every hidden character as \xNN or \uNNNN. */
export function escapeForLog(s: string): string {
  return s.replace(UNSAFE_IN_LOG, (c) => {
    const short = SHORT[c];
    if (short) return short;
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}

/**
 * Logs an unexpected error with a short id and returns the id, so the person
 * sees "something went wrong (ref abc123)" and an operator can find the trace.
 * The whole entry is one line: messages may quote user input (a file name, a
 * database error citing a value).
 */
export function logError(context: string, err: unknown): string {
  const id = crypto.randomBytes(4).toString("hex");
  const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
  console.error(`[ringfence] error ${id} in ${escapeForLog(context)}: ${escapeForLog(detail)}`);
  return id;
}

/** Logs an operator message; line breaks are kept (indented, so no line can pass for a new entry), all else escaped. */
export function logInfo(message: string): void {
  console.log(`[ringfence] ${message.split("\n").map(escapeForLog).join("\n    ")}`);
}
