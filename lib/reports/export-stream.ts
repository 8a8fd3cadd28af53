import "server-only";
import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { copyScoresCsv } from "./export-copy";
import { scoreReports, scoreRowsAfter, type ScoreRow } from "./queries";

/** Rows fetched per query: big enough to amortise the round trip, small enough to keep memory flat. */
export const EXPORT_BATCH = 5000;

export const SCORE_COLUMNS = [
  "report_id",
  "vendor",
  "product",
  "framework",
  "period_start",
  "period_end",
  "revision",
  "result",
  "submission_digest",
  "control_id",
  "control_title",
  "domain",
  "weight",
  "must",
  "score",
] as const;

type Page = ScoreRow[];
type Report = Awaited<ReturnType<typeof scoreReports>>[number];

/** The first nine columns (report_id … submission_digest) of every row of one report, formatted once. */
function reportPrefix(r: Report, format: "csv" | "json"): string {
  const values = [r.id, r.vendorName, r.productName, r.frameworkLabel, r.periodStart, r.periodEnd, r.revision, r.result, r.submissionDigest];
  return format === "csv"
    ? values.map(csvCell).join(",") + ","
    : "{" + values.map((v, i) => `${JSON.stringify(SCORE_COLUMNS[i])}:${JSON.stringify(v)}`).join(",") + ",";
}
const JSON_KEYS = SCORE_COLUMNS.slice(9).map((c) => `${JSON.stringify(c)}:`);

/**
 * One CSV cell (RFC 4180). A text cell that a spreadsheet would read as a
 * formula (starting with =, +, -, @, or a tab or carriage return) gets a
 * leading apostrophe, so opening the export can never run anything.
 */
export function csvCell(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  // Quoted where PostgreSQL's COPY quotes (export-copy.ts): a comma, quote, CR or LF, or an empty value.
  // (COPY also quotes a lone \. in a line's first column; ours is always a report id.)
  return safe === "" || /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (values: (string | number | boolean)[]) => values.map(csvCell).join(",") + "\n";

/**
 * Every score row matching `where`, in pages fetched one at a time as the
 * consumer reads: the response starts with the first page and memory stays
 * flat however many rows there are. The next page is requested before the
 * current one is formatted, so the database and the formatting overlap.
 */
export function scoreStream(
  db: DbOrTx,
  where: SQL,
  format: "csv" | "json",
  header: { source: Record<string, unknown> },
  batch = EXPORT_BATCH,
  opts: { copyFrom?: string } = {},
): ReadableStream<Uint8Array> {
  // On PostgreSQL (given its URL) the CSV comes straight from COPY; on PGlite, in pages.
  if (format === "csv" && opts.copyFrom) return copyScoresCsv(db, opts.copyFrom, where);
  const enc = new TextEncoder();
  let prefixes = new Map<string, string>();
  let first = true;
  let next: Promise<Page> | null = null;
  const fetchPage = (after: { reportId: string; position: number } | null) => {
    const page = scoreRowsAfter(db, where, after, batch);
    page.catch(() => {}); // awaited by the next pull; a download cancelled meanwhile must not leave an unhandled rejection
    return page;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(enc.encode(format === "csv" ? csvLine([...SCORE_COLUMNS]) : `{"source":${JSON.stringify(header.source)},"rows":[\n`));
        next = fetchPage(null);
      },
      async pull(controller) {
        const rows = await next!;
        const last = rows.at(-1);
        next = rows.length === batch && last ? fetchPage({ reportId: last.report_id, position: last.position }) : null;
        // Prefixes of this page's reports only (the last report of a page may go on in the next one).
        const kept = new Map<string, string>();
        const missing = new Set<string>();
        for (const r of rows) {
          const known = prefixes.get(r.report_id);
          if (known) kept.set(r.report_id, known);
          else missing.add(r.report_id);
        }
        prefixes = kept;
        if (missing.size) for (const r of await scoreReports(db, [...missing])) prefixes.set(r.id, reportPrefix(r, format));
        let chunk = "";
        for (const r of rows) {
          const prefix = prefixes.get(r.report_id)!;
          if (format === "csv")
            chunk += `${prefix}${csvCell(r.control_id)},${csvCell(r.control_title)},${csvCell(r.domain)},${r.weight},${r.must},${r.score}\n`;
          else {
            chunk += `${first ? "" : ",\n"}${prefix}${JSON_KEYS[0]}${JSON.stringify(r.control_id)},${JSON_KEYS[1]}${JSON.stringify(r.control_title)},${JSON_KEYS[2]}${JSON.stringify(r.domain)},${JSON_KEYS[3]}${r.weight},${JSON_KEYS[4]}${r.must},${JSON_KEYS[5]}${r.score}}`;
            first = false;
          }
        }
        if (chunk) controller.enqueue(enc.encode(chunk));
        if (!next) {
          if (format === "json") controller.enqueue(enc.encode("\n]}\n"));
          controller.close();
        }
      },
      cancel() {
        next = null;
      },
    },
    { highWaterMark: 1 },
  );
}
