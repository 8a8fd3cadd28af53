import type { SniffKind } from "./sniff";

/**
 * Which file-name extensions fit each content type the sniffer detects. A
 * stored file keeps a name whose extension agrees with its bytes, so the
 * program that opens a download is the one meant for its content (a PDF named
 * .html would open in a browser; a JPEG named .svg would be parsed as markup).
 * The first extension is the one appended to a name that has none.
 */
export const EXTENSIONS_BY_KIND: Readonly<Record<SniffKind, readonly string[]>> = {
  pdf: ["pdf"],
  png: ["png"],
  jpeg: ["jpg", "jpeg"],
  text: ["txt", "log", "text"],
  csv: ["csv"],
  json: ["json"],
  zip: ["zip"],
  docx: ["docx"],
  xlsx: ["xlsx"],
  pptx: ["pptx"],
  odt: ["odt"],
  ods: ["ods"],
  odp: ["odp"],
};

export const KIND_DESCRIPTIONS: Readonly<Record<SniffKind, string>> = {
  pdf: "a PDF document",
  png: "a PNG image",
  jpeg: "a JPEG image",
  text: "plain text",
  csv: "a CSV table",
  json: "a JSON document",
  zip: "a ZIP archive",
  docx: "a Word document",
  xlsx: "an Excel workbook",
  pptx: "a PowerPoint presentation",
  odt: "an OpenDocument text",
  ods: "an OpenDocument spreadsheet",
  odp: "an OpenDocument presentation",
};

/** Trailing dots and spaces are dropped (Windows ignores them: "a.pdf. " opens as "a.pdf"). */
export function trimName(fileName: string): string {
  return fileName.replace(/[.\s]+$/, "");
}

/** The last extension, lower-case, without the dot; "" when the base name has none (or is a dot-file). */
export function extensionOf(fileName: string): string {
  const base = trimName(fileName.split(/[\\/]/).pop() ?? "");
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function orList(items: readonly string[]): string {
  const dotted = items.map((e) => `.${e}`);
  return dotted.length <= 1 ? (dotted[0] ?? "") : `${dotted.slice(0, -1).join(", ")} or ${dotted.at(-1)}`;
}

export type NameFit = { ok: true; fileName: string } | { ok: false; reason: string };

/** The sentence shown when a name does not fit: what the file is, and which endings would. */
export function mismatchMessage(description: string, ext: string, fits: readonly string[]): string {
  const shown = ext.length > 20 ? `${ext.slice(0, 20)}…` : ext;
  return `This file is ${description}, but its name ends in .${shown}. Rename it to end in ${orList(fits)} and upload it again.`;
}

/**
 * Checks that `fileName` ends in an extension that fits `kind` (case-insensitive).
 * A name without an extension gets the kind's usual one appended; any other
 * extension is refused, including double extensions such as report.pdf.exe
 * (only the last one counts, as in every file manager).
 */
export function fitName(kind: SniffKind, fileName: string, fits: readonly string[] = EXTENSIONS_BY_KIND[kind]): NameFit {
  const name = trimName(fileName);
  const ext = extensionOf(name);
  if (ext === "") return { ok: true, fileName: `${name || "file"}.${fits[0] ?? EXTENSIONS_BY_KIND[kind][0]}` };
  if (fits.includes(ext)) return { ok: true, fileName: name };
  return { ok: false, reason: mismatchMessage(KIND_DESCRIPTIONS[kind], ext, fits) };
}

/**
 * The name for an inspected ZIP: an office document fits its own extension or
 * .zip (stored as a plain archive then); a plain archive fits only .zip. A
 * name without an extension gets the detected one.
 */
export function fitZipName(
  officeKind: SniffKind | undefined,
  fileName: string,
): { ok: true; kind: SniffKind; fileName: string } | { ok: false; reason: string } {
  const kind = officeKind ?? "zip";
  if (extensionOf(fileName) === "zip") return { ok: true, kind: "zip", fileName: trimName(fileName) };
  const fit = fitName(kind, fileName, kind === "zip" ? ["zip"] : [kind, "zip"]);
  return fit.ok ? { ok: true, kind, fileName: fit.fileName } : fit;
}
