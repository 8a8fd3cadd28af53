// Rows of one table in PostgreSQL's COPY text format, and the COPY that loads a batch of tables in one
// transaction: through postgres.js (COPY … FROM STDIN) or through PGlite (COPY … FROM '/dev/blob').
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { PGlite } from "@electric-sql/pglite";
import type postgres from "postgres";
import type { DbHandle } from "@/db/client";
import { BULK_LOAD } from "@/db/derived";
import { cell, type Cell } from "../scale/copy-table";

export class Table {
  pieces: string[] = [];
  rows = 0;
  private buf = "";
  constructor(
    readonly name: string,
    readonly columns: string[],
  ) {}
  add(...values: Cell[]) {
    if (values.length !== this.columns.length) throw new Error(`${this.name}: ${values.length} values for ${this.columns.length} columns`);
    this.buf += values.map(cell).join("\t") + "\n";
    this.rows++;
    if (this.buf.length > 1 << 20) {
      this.pieces.push(this.buf);
      this.buf = "";
    }
  }
  take(): string[] {
    if (this.buf) this.pieces.push(this.buf);
    const out = this.pieces;
    this.pieces = [];
    this.buf = "";
    this.rows = 0;
    return out;
  }
}

let lz4: boolean | undefined;

/** Loads the tables, in the order given (parents before children), in one transaction. Returns rows per table. */
export async function copyTables(handle: DbHandle, tables: Table[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  const work = tables.filter((t) => t.rows > 0).map((t) => ({ t, rows: t.rows, pieces: t.take() }));
  for (const w of work) counts.set(w.t.name, (counts.get(w.t.name) ?? 0) + w.rows);
  if (!work.length) return counts;
  const client = (handle.db as unknown as { $client: unknown }).$client;
  if (handle.kind === "postgres") {
    const sql = client as postgres.Sql;
    await sql.begin(async (tx) => {
      await tx`set local synchronous_commit = off`;
      // The kept columns and figures are rebuilt once at the end (db/derived.ts), not row by row.
      await tx.unsafe(BULK_LOAD);
      // The report documents are large JSON: lz4 compresses them several times faster than pglz.
      lz4 ??= (await tx`select 1 from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`).length > 0;
      if (lz4) await tx`set local default_toast_compression = 'lz4'`;
      for (const { t, pieces } of work) {
        const w = await tx.unsafe(`copy ${t.name} (${t.columns.join(", ")}) from stdin`).writable();
        await pipeline(Readable.from(pieces), w);
      }
    });
  } else {
    const pg = client as PGlite;
    await pg.transaction(async (tx) => {
      await tx.query(BULK_LOAD);
      for (const { t, pieces } of work) await tx.query(`copy ${t.name} (${t.columns.join(", ")}) from '/dev/blob'`, [], { blob: new Blob(pieces) });
    });
  }
  return counts;
}
