import "server-only";
import { asc, eq, sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import type { DbOrTx } from "@/db/client";
import { publishedReports, reportScores } from "@/db/schema";

/**
 * The CSV export on PostgreSQL: one `COPY (select …) TO STDOUT WITH (FORMAT csv)`
 * whose bytes go to the client as the server sends them, so Node parses and
 * formats nothing and the export runs about as fast as psql's \copy
 * (docs/performance.md). It runs on a connection of its own, closed at the
 * end: postgres.js 3.4 can leave a connection's socket paused after a COPY
 * (porsager/postgres#499), which would hang the next query on a pooled one.
 *
 * The output is the paged path's (export-stream.ts, used on PGlite): same
 * columns and order, formula-leading text cells prefixed with an apostrophe,
 * PostgreSQL's CSV quoting (a comma, quote, CR or LF, or an empty value),
 * LF line ends. A test compares the two byte for byte.
 */
export function copyScoresCsv(db: DbOrTx, url: string, where: SQL): ReadableStream<Uint8Array> {
  const cell = (c: SQL) => sql`case when left(${c}, 1) in ('=', '+', '-', '@', E'\\t', E'\\r') then '''' || ${c} else ${c} end`;
  const query = db
    .select({
      report_id: sql`${reportScores.reportId}`.as("report_id"),
      vendor: cell(sql`${publishedReports.vendorName}`).as("vendor"),
      product: cell(sql`${publishedReports.productName}`).as("product"),
      framework: cell(sql`${publishedReports.frameworkLabel}`).as("framework"),
      period_start: sql`${publishedReports.periodStart}::text`.as("period_start"),
      period_end: sql`${publishedReports.periodEnd}::text`.as("period_end"),
      revision: sql`${publishedReports.revision}`.as("revision"),
      result: sql`${publishedReports.result}`.as("result"),
      submission_digest: sql`${publishedReports.submissionDigest}`.as("submission_digest"),
      control_id: cell(sql`${reportScores.controlId}`).as("control_id"),
      control_title: cell(sql`${reportScores.controlTitle}`).as("control_title"),
      domain: cell(sql`${reportScores.domain}`).as("domain"),
      weight: sql`${reportScores.weight}`.as("weight"),
      must: sql`case when ${reportScores.must} then 'true' else 'false' end`.as("must"),
      score: sql`${reportScores.score}`.as("score"),
    })
    .from(reportScores)
    .innerJoin(publishedReports, eq(publishedReports.id, reportScores.reportId))
    .where(where)
    .orderBy(asc(reportScores.reportId), asc(reportScores.position));
  const { sql: text, params } = query.toSQL();
  const copy = `copy (${inlineParams(text, params)}) to stdout with (format csv, header true)`;
  let conn: postgres.Sql | null = null;
  let chunks: AsyncIterator<Buffer> | null = null;
  const close = () => {
    const c = conn;
    conn = null;
    if (c) void c.end({ timeout: 1 }).catch(() => {});
  };
  return new ReadableStream<Uint8Array>(
    {
      async start() {
        conn = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
        const source = await conn.unsafe(copy).readable();
        chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      },
      async pull(controller) {
        try {
          const { value, done } = await chunks!.next();
          if (done) {
            close();
            controller.close();
          } else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        } catch (err) {
          close();
          throw err;
        }
      },
      async cancel() {
        await chunks?.return?.();
        close();
      },
    },
    { highWaterMark: 1 },
  );
}

/**
 * COPY takes no bind parameters, so the where-clause's values are written in
 * as literals. They come from parsed filters and ids (UUIDs, ISO dates, result
 * names, numbers); strings are quoted with single quotes doubled, which is
 * exact with standard_conforming_strings (on since PostgreSQL 9.1).
 */
export function inlineParams(text: string, params: unknown[]): string {
  return text.replace(/\$(\d+)/g, (_m, n: string) => {
    const v = params[Number(n) - 1];
    if (typeof v === "number" && Number.isFinite(v)) return String(v);
    if (typeof v === "string") return `'${v.replaceAll("'", "''")}'`;
    throw new Error(`cannot inline a ${typeof v} parameter into COPY`);
  });
}
