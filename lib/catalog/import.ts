import { FRAMEWORK_FORMAT, frameworkDocumentSchema, type FrameworkDocument } from "./schema";
import { draftFrameworkDocumentSchema, issuesToErrors, type ImportError } from "./draft-schema";
import { oscalToFramework } from "./oscal-import";
import { findJsonErrorOffset, lineColumn } from "./json-position";

export type { ImportError } from "./draft-schema";

export type FrameworkImportResult =
  | {
      ok: true;
      doc: FrameworkDocument;
      format: "ringfence" | "oscal";
      warnings: string[];
      /** True when the document only satisfies the draft schema (e.g. empty rubric descriptors): store it as a draft. */
      draftOnly: boolean;
    }
  | { ok: false; errors: ImportError[] };

/**
 * Parse an uploaded framework file: either a Ringfence framework document
 * (`"format": "ringfence.framework/v1"`) or an OSCAL catalog (`{ "catalog": … }`).
 * Every problem is reported with its location, never just the first one.
 */
export function parseFrameworkImport(text: string): FrameworkImportResult {
  const source = text.replace(/^\uFEFF/, "");
  if (source.trim() === "") return fail("(document)", "the file is empty");

  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (e) {
    return { ok: false, errors: [jsonSyntaxError(source, e)] };
  }

  if (typeof json !== "object" || json === null || Array.isArray(json))
    return fail("(document)", "expected a JSON object: a Ringfence framework or an OSCAL catalog");
  const obj = json as Record<string, unknown>;

  if ("catalog" in obj) {
    const r = oscalToFramework(obj);
    if (!r.ok) return r;
    const strict = frameworkDocumentSchema.safeParse(r.doc);
    return { ok: true, doc: strict.success ? strict.data : r.doc, format: "oscal", warnings: r.warnings, draftOnly: !strict.success };
  }

  if ("format" in obj && obj.format !== FRAMEWORK_FORMAT)
    return fail("format", `unsupported format ${JSON.stringify(obj.format)}; expected "${FRAMEWORK_FORMAT}" or an OSCAL catalog`);
  if (!("format" in obj) && !("domains" in obj))
    return fail("(document)", `not a Ringfence framework ("format": "${FRAMEWORK_FORMAT}") or an OSCAL catalog ("catalog")`);

  const strict = frameworkDocumentSchema.safeParse(obj);
  if (strict.success) return { ok: true, doc: strict.data, format: "ringfence", warnings: [], draftOnly: false };
  const draft = draftFrameworkDocumentSchema.safeParse(obj);
  if (!draft.success) return { ok: false, errors: issuesToErrors(strict.error.issues) };
  // Only empty descriptors (or other draft-tolerated gaps) remain: accept as a draft and say where.
  const warnings = issuesToErrors(strict.error.issues).map((e) => `${e.path}: ${e.message} The framework is kept as a draft until it is written.`);
  return { ok: true, doc: draft.data, format: "ringfence", warnings, draftOnly: true };
}

function fail(path: string, message: string): { ok: false; errors: ImportError[] } {
  return { ok: false, errors: [{ path, message }] };
}

/** Turn a JSON.parse failure into a located error: path "line L, column C". */
function jsonSyntaxError(source: string, e: unknown): ImportError {
  const raw = e instanceof Error ? e.message : String(e);
  const message = `invalid JSON: ${raw.replace(/\s*(in JSON )?at position \d+.*$/s, "").replace(/\s*\(line \d+ column \d+\)/, "") || "syntax error"}`;
  let offset: number | undefined;
  try {
    offset = findJsonErrorOffset(source);
  } catch {
    offset = undefined; // e.g. nesting too deep for the scanner
  }
  const pos = raw.match(/position (\d+)/);
  if (offset === undefined && pos) offset = Number(pos[1]);
  if (offset === undefined) return { path: "(document)", message };
  const { line, column } = lineColumn(source, offset);
  return { path: `line ${line}, column ${column}`, message };
}
