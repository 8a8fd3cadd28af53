// Rows for PostgreSQL's COPY … FROM STDIN (text format), built in memory and sent in ~1 MB pieces.
// Shared by the scale seeders (scripts/seed-scale.ts, scripts/seed-load.ts).
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type postgres from "postgres";

export type Cell = string | number | boolean | null;

/** COPY text format: tab-separated, \N for null, backslash escapes. */
export function cell(v: Cell): string {
  if (v === null) return "\\N";
  if (typeof v === "boolean") return v ? "t" : "f";
  if (typeof v === "number") return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : v;
}

/** Rows of one table for one COPY, kept as ~1 MB pieces: postgres.js sends each piece as one CopyData and waits for it. */
export class Table {
  pieces: string[] = [];
  rows = 0;
  private buf = "";
  constructor(
    readonly name: string,
    readonly columns: string[],
  ) {}
  add(...values: Cell[]) {
    this.buf += values.map(cell).join("\t") + "\n";
    this.rows++;
    if (this.buf.length > 1 << 20) {
      this.pieces.push(this.buf);
      this.buf = "";
    }
  }
  async copy(tx: postgres.TransactionSql | postgres.Sql) {
    if (this.buf) this.pieces.push(this.buf);
    if (!this.pieces.length) return;
    const w = await tx.unsafe(`copy ${this.name} (${this.columns.join(", ")}) from stdin`).writable();
    await pipeline(Readable.from(this.pieces), w);
    this.pieces = [];
    this.buf = "";
    this.rows = 0;
  }
}
