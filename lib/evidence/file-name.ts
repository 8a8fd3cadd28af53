import "server-only";

/** Safe storage/display names for uploaded evidence files, and download headers. */

const MAX_NAME_BYTES = 200;
const MAX_EXT_BYTES = 16;
const FALLBACK = "file";

// C0/C1 controls, DEL, bidi embedding/override/isolate marks (the "exe.pdf" trick),
// zero-width space and other invisible format characters, the BOM (ZWJ/ZWNJ are kept:
// emoji sequences and several scripts need them).
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
const WINDOWS_RESERVED_CHARS = /[<>:"/\\|?*]/g;
const WINDOWS_RESERVED_NAMES = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const encoder = new TextEncoder();

function utf8Length(s: string): number {
  return encoder.encode(s).length;
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes without splitting a grapheme cluster. */
function truncateUtf8(s: string, maxBytes: number): string {
  if (utf8Length(s) <= maxBytes) return s;
  let out = "";
  let used = 0;
  for (const { segment } of new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(s)) {
    const n = utf8Length(segment);
    if (used + n > maxBytes) break;
    out += segment;
    used += n;
  }
  return out;
}

function trimDotsAndSpaces(s: string): string {
  return s.replace(/^[.\s]+|[.\s]+$/g, "");
}

function splitExtension(name: string): [stem: string, ext: string] {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return [name, ""];
  const ext = name.slice(dot);
  if (/\s/.test(ext) || utf8Length(ext) > MAX_EXT_BYTES) return [name, ""];
  return [name.slice(0, dot), ext];
}

/**
 * Makes an uploaded file name safe to store and to offer for download:
 * NFC-normalised; directory parts (`/` and `\`) dropped; control, bidi and
 * invisible characters removed; Windows-reserved characters replaced by `_`;
 * whitespace collapsed; leading/trailing dots and spaces trimmed;
 * Windows device names (CON, NUL, COM1, …) prefixed with `_`; at most 200
 * UTF-8 bytes, keeping the extension; "file" when nothing is left.
 */
export function sanitizeFileName(name: string): string {
  let s = String(name).normalize("NFC");
  s = s.split(/[\\/]/).pop() ?? "";
  s = s.replace(INVISIBLE, "");
  s = s.replace(WINDOWS_RESERVED_CHARS, "_");
  s = s.replace(/\s+/g, " ");
  s = trimDotsAndSpaces(s);
  if (s === "") return FALLBACK;

  const [rawStem, ext] = splitExtension(s);
  let stem = rawStem;
  if (WINDOWS_RESERVED_NAMES.test((stem.split(".")[0] ?? "").trim())) stem = `_${stem}`;
  if (utf8Length(stem + ext) > MAX_NAME_BYTES) {
    stem = trimDotsAndSpaces(truncateUtf8(stem, MAX_NAME_BYTES - utf8Length(ext)));
  }
  const out = trimDotsAndSpaces(stem + ext);
  return out === "" ? FALLBACK : out;
}

/** RFC 5987 attr-char: everything else is percent-encoded. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

function encodeRfc5987(value: string): string {
  let out = "";
  for (const byte of encoder.encode(value)) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && ATTR_CHAR.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function asciiFallback(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // combining marks: "é" -> "e"
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  return trimDotsAndSpaces(base) || FALLBACK;
}

/**
 * RFC 6266 `Content-Disposition` value forcing a download:
 *   attachment; filename="ascii-fallback"; filename*=UTF-8''percent-encoded
 * The name is sanitised first, so any user-supplied name may be passed.
 */
export function contentDisposition(fileName: string, disposition: "attachment" | "inline" = "attachment"): string {
  const safe = sanitizeFileName(fileName);
  return `${disposition}; filename="${asciiFallback(safe)}"; filename*=UTF-8''${encodeRfc5987(safe)}`;
}
