import "server-only";
import { asc, desc, sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { SortDir } from "@/lib/http/list-params";
import { pageWindow } from "@/lib/http/list-params";

/** LIKE pattern that matches the text literally (%, _ and \ typed by a person are not wildcards; `\` is PostgreSQL's default escape). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `column ASC|DESC`, NULLs last either way (a missing date sorts after every date). */
export function ordered(column: AnyColumn | SQL, dir: SortDir): SQL {
  return dir === "asc" ? sql`${asc(column)} nulls last` : sql`${desc(column)} nulls last`;
}

/** The window column that carries the number of matching rows on every row of a page. */
export const totalCount = () => sql<number>`count(*) over ()`.mapWith(Number);

export type Page<T> = { rows: T[]; total: number; page: number; pageCount: number; perPage: number; from: number; to: number };

/**
 * One page of a list in one query (the rows carry `count(*) over ()`). A page past
 * the end comes back as the last page: an empty result there costs one count and one
 * more query, and only happens for stale or edited links.
 */
export async function fetchPage<T extends { total: number }>(
  requested: number,
  perPage: number,
  rowsAt: (limit: number, offset: number) => Promise<T[]>,
  countAll: () => Promise<number>,
): Promise<Page<Omit<T, "total">>> {
  let window = pageWindow(Number.MAX_SAFE_INTEGER, requested, perPage);
  let rows = await rowsAt(perPage, window.offset);
  let total = rows[0]?.total;
  if (total === undefined) {
    total = window.page > 1 ? await countAll() : 0;
    if (total > 0) {
      window = pageWindow(total, requested, perPage);
      rows = await rowsAt(perPage, window.offset);
      total = rows[0]?.total ?? total;
    }
  }
  window = pageWindow(total, window.page, perPage);
  return { rows: rows.map(({ total: _t, ...r }) => r), total, page: window.page, pageCount: window.pageCount, perPage, from: window.from, to: window.to };
}
