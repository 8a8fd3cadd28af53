import "server-only";
import { extensionOf, fitName, mismatchMessage, type NameFit } from "./file-type";

/**
 * Content-type sniffing for evidence uploads. The bytes decide, never the
 * file name alone: the name only chooses between kinds the bytes allow
 * (text vs. CSV vs. JSON; which ZIP-based office format), and must end in an
 * extension that fits them (file-type.ts): a PDF named .html is refused with
 * a message saying what it is; a name without an extension gets one.
 *
 * Allowlist: PDF, PNG, JPEG, plain text/log, CSV, JSON, ZIP and ZIP-based
 * office documents (OOXML docx/xlsx/pptx, OpenDocument odt/ods/odp).
 * ZIP-based kinds (`container: "zip"`) must additionally pass inspectZip,
 * whose detected office kind is authoritative over the extension.
 */

export type SniffKind = "pdf" | "png" | "jpeg" | "text" | "csv" | "json" | "zip" | "docx" | "xlsx" | "pptx" | "odt" | "ods" | "odp";

export type SniffResult =
  | { ok: true; kind: SniffKind; mime: string; fileName: string; container?: "zip" }
  /** `mismatch`: the content is acceptable but the name's extension does not fit it; `reason` is a whole sentence. */
  | { ok: false; reason: string; mismatch?: true };

export const MIME_BY_KIND: Readonly<Record<SniffKind, string>> = {
  pdf: "application/pdf",
  png: "image/png",
  jpeg: "image/jpeg",
  text: "text/plain; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  zip: "application/zip",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
};

const ZIP_KIND_BY_EXT: Readonly<Record<string, SniffKind>> = {
  docx: "docx",
  xlsx: "xlsx",
  pptx: "pptx",
  odt: "odt",
  ods: "ods",
  odp: "odp",
};
const TEXT_KIND_BY_EXT: Readonly<Record<string, SniffKind>> = {
  txt: "text",
  text: "text",
  log: "text",
  csv: "csv",
  json: "json",
};

const EXECUTABLE_MAGICS: ReadonlyArray<readonly [number[], string]> = [
  [[0x7f, 0x45, 0x4c, 0x46], "ELF executable"],
  [[0x4d, 0x5a], "Windows/DOS executable (MZ)"],
  [[0xfe, 0xed, 0xfa, 0xce], "Mach-O executable"],
  [[0xfe, 0xed, 0xfa, 0xcf], "Mach-O executable"],
  [[0xce, 0xfa, 0xed, 0xfe], "Mach-O executable"],
  [[0xcf, 0xfa, 0xed, 0xfe], "Mach-O executable"],
  [[0xca, 0xfe, 0xba, 0xbe], "Mach-O universal binary or Java class file"],
  [[0x00, 0x61, 0x73, 0x6d], "WebAssembly module"],
  [[0x23, 0x21], "script with a shebang (#!)"],
  [[0xef, 0xbb, 0xbf, 0x23, 0x21], "script with a shebang (#!)"],
];

/** Markup a browser could render as active content (WHATWG MIME sniffing "HTML" patterns + XML/SVG). */
const MARKUP_TAGS = [
  "!doctype",
  "html",
  "head",
  "body",
  "script",
  "iframe",
  "svg",
  "style",
  "title",
  "object",
  "embed",
  "img",
  "a",
  "b",
  "p",
  "br",
  "h1",
  "div",
  "font",
  "table",
  "meta",
  "link",
  "form",
  "!--",
];

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((b, i) => bytes[at + i] === b);
}

function ok(kind: SniffKind, fileName: string, container?: "zip"): SniffResult {
  const mime = MIME_BY_KIND[kind];
  return container ? { ok: true, kind, mime, fileName, container } : { ok: true, kind, mime, fileName };
}

function fitted(kind: SniffKind, fit: NameFit): SniffResult {
  return fit.ok ? ok(kind, fit.fileName) : { ok: false, reason: fit.reason, mismatch: true };
}

/** Decodes the head as UTF-8; a multi-byte sequence cut off by the end of the head is tolerated. */
function decodeUtf8Head(head: Uint8Array): string | null {
  try {
    // stream: true keeps an incomplete trailing sequence buffered instead of failing,
    // but still rejects invalid bytes (overlongs, surrogates, bad continuations).
    return new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
  } catch {
    return null;
  }
}

function firstControlChar(text: string): number | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d) continue;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) return c;
  }
  return null;
}

function looksLikeMarkup(text: string): string | null {
  const t = text.replace(/^[\s\ufeff]+/, "").toLowerCase();
  if (t.startsWith("<?xml")) return "XML";
  if (!t.startsWith("<")) return null;
  for (const tag of MARKUP_TAGS) {
    if (!t.startsWith(tag, 1)) continue;
    const next = t.charAt(1 + tag.length);
    if (tag === "!--" || next === "" || /[\s>/]/.test(next)) return tag === "svg" ? "SVG" : "HTML";
  }
  return null;
}

function sniffText(head: Uint8Array, ext: string, fileName: string): SniffResult {
  const text = decodeUtf8Head(head);
  if (text === null) return { ok: false, reason: "unrecognised binary content (not an accepted file type)" };
  const control = firstControlChar(text);
  if (control !== null) {
    const hex = control.toString(16).padStart(2, "0");
    return { ok: false, reason: `text contains a control character (U+00${hex}); binary files of this type are not accepted` };
  }
  const markup = looksLikeMarkup(text);
  if (markup) return { ok: false, reason: `${markup} documents are not accepted (they can carry active content)` };
  if (ext === "") return fitted("text", fitName("text", fileName));
  const kind = TEXT_KIND_BY_EXT[ext];
  if (!kind) return { ok: false, reason: mismatchMessage("plain text", ext, Object.keys(TEXT_KIND_BY_EXT)), mismatch: true };
  if (kind === "json" && !/^[\s\ufeff]*[[{]/.test(text)) {
    return { ok: false, reason: "file named .json does not start with a JSON object or array" };
  }
  return fitted(kind, fitName(kind, fileName));
}

/**
 * Decides whether an upload is an accepted evidence type from its first
 * bytes (`head`, typically 4 KiB) and its file name. Never throws.
 */
export function sniffContentType(head: Uint8Array, fileName: string): SniffResult {
  if (head.length === 0) return { ok: false, reason: "file is empty" };
  for (const [magic, what] of EXECUTABLE_MAGICS) {
    if (startsWith(head, magic)) return { ok: false, reason: `executables are not accepted: content is a ${what}` };
  }
  const ext = extensionOf(fileName);
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return fitted("pdf", fitName("pdf", fileName));
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return fitted("png", fitName("png", fileName));
  if (startsWith(head, [0xff, 0xd8, 0xff])) return fitted("jpeg", fitName("jpeg", fileName));
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    // The office kind is only known after inspection (zip-name.ts settles the name then).
    if (ext !== "" && ext !== "zip" && !ZIP_KIND_BY_EXT[ext]) return { ok: false, reason: mismatchMessage("a ZIP archive", ext, ["zip"]), mismatch: true };
    return ok(ZIP_KIND_BY_EXT[ext] ?? "zip", fileName, "zip");
  }
  return sniffText(head, ext, fileName);
}
