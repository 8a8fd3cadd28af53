import { checkRolloutRecord } from "./analysis";
import { parseRolloutCsv } from "./csv";
import type { RolloutRecord } from "./record-schema";

export type UploadResult = { ok: true; record: RolloutRecord } | { ok: false; errors: Record<string, string[]> };

/** Where a JSON.parse error is, as "line L, column C", from the position the message gives. */
function jsonSyntaxLocation(text: string, message: string): string {
  const pos = /position (\d+)/.exec(message);
  if (!pos) return "JSON syntax";
  const before = text.slice(0, Number(pos[1]));
  const line = before.split("\n").length;
  return `JSON syntax, line ${line}, column ${before.length - before.lastIndexOf("\n")}`;
}

function add(errors: Record<string, string[]>, where: string, message: string) {
  (errors[where] ??= []).push(message);
}

/** Parses an uploaded JSON or CSV rollout record; every error located (JSON path, or row and column). */
export function parseUpload(text: string, format: "auto" | "json" | "csv"): UploadResult {
  const isJson = format === "json" || (format === "auto" && /^\s*[{[]/.test(text));
  const errors: Record<string, string[]> = {};
  if (isJson) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      add(errors, jsonSyntaxLocation(text, (err as Error).message), (err as Error).message);
      return { ok: false, errors };
    }
    const checked = checkRolloutRecord(data);
    if (checked.ok) return checked;
    for (const r of checked.reasons) add(errors, `JSON path ${r.path === "(document)" ? "$" : `$.${r.path}`}`, r.message);
    return { ok: false, errors };
  }
  const csv = parseRolloutCsv(text);
  if (csv.ok) return csv;
  for (const e of csv.errors) {
    const where = e.row !== undefined ? `Row ${e.row}${e.column ? `, column ${e.column}` : ""}` : e.path ? `Field ${e.path}` : "File";
    add(errors, where, e.message);
  }
  return { ok: false, errors };
}
