import "server-only";
import type { SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { scoreRowsAfter } from "./queries";

/** Rows fetched per query: big enough to amortise the round trip, small enough to keep memory flat. */
export const EXPORT_BATCH = 5000;

export const SCORE_COLUMNS = ["report_id", "vendor", "product", "framework", "period_start", "period_end", "revision", "result", "submission_digest", "control_id", "control_title", "domain", "weight", "must", "score"] as const;

type Row = Awaited<ReturnType<typeof scoreRowsAfter>>[number];

const cells = (r: Row): (string | number | boolean)[] => [r.reportId, r.vendorName, r.productName, r.frameworkLabel, r.periodStart, r.periodEnd, r.revision, r.result, r.submissionDigest, r.controlId, r.controlTitle, r.domain, r.weight, r.must, r.score];

/**
 * One CSV cell (RFC 4180). A text cell that a spreadsheet would read as a
 * formula (starting with =, +, -, @, or a tab or carriage return) gets a
 * leading apostrophe, so opening the export can never run anything.
 */
export function csvCell(value: string | number | boolean): string {
  if (typeof value !== "string") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (values: (string | number | boolean)[]) => values.map(csvCell).join(",") + "\r\n";

/**
 * Every score row matching `where`, in pages fetched one at a time as the
 * consumer reads: the response starts with the first page and memory stays
 * flat however many rows there are.
 */
export function scoreStream(db: DbOrTx, where: SQL, format: "csv" | "json", header: { source: Record<string, unknown> }): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  let after: { reportId: string; position: number } | null = null;
  let started = false;
  let first = true;
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          controller.enqueue(enc.encode(format === "csv" ? csvLine([...SCORE_COLUMNS]) : `{"source":${JSON.stringify(header.source)},"rows":[\n`));
          return;
        }
        if (done) return;
        const rows = await scoreRowsAfter(db, where, after, EXPORT_BATCH);
        if (rows.length) {
          const last = rows[rows.length - 1]!;
          after = { reportId: last.reportId, position: last.position };
          let chunk = "";
          for (const r of rows) {
            if (format === "csv") chunk += csvLine(cells(r));
            else {
              const values = cells(r);
              chunk += (first ? "" : ",\n") + JSON.stringify(Object.fromEntries(SCORE_COLUMNS.map((c, i) => [c, values[i]])));
              first = false;
            }
          }
          controller.enqueue(enc.encode(chunk));
        }
        if (rows.length < EXPORT_BATCH) {
          done = true;
          if (format === "json") controller.enqueue(enc.encode("\n]}\n"));
          controller.close();
        }
      },
    },
    { highWaterMark: 1 },
  );
}
