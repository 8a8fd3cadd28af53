import { z } from "zod";

/**
 * The address-bar conventions every list shares: `q` (search text), `page`,
 * `sort` and `dir`, plus filters each list names. Parsing never fails: a
 * malformed or unknown value falls back to its default, so a hand-edited or
 * stale link shows the list instead of an error. Pure: no request, no database.
 */

export const LIST_SEARCH_MAX = 200;
export const LIST_PAGE_MAX = 100_000;
export const SORT_DIRS = ["asc", "desc"] as const;
export type SortDir = (typeof SORT_DIRS)[number];

type RawParams = Record<string, string | string[] | undefined>;

// C0 and C1 controls; PostgreSQL cannot hold U+0000 and the others only hide content.
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Search text: cut to 200 characters rather than refused, control characters become spaces, broken surrogates are repaired, trimmed. */
export function cleanSearch(value: string): string {
  return Array.from(value.toWellFormed()).slice(0, LIST_SEARCH_MAX).join("").replace(CONTROLS, " ").trim();
}

const search = z.string().transform(cleanSearch).catch("").default("");
const page = z.coerce.number().int().min(1).max(LIST_PAGE_MAX).catch(1).default(1);

/** A filter chosen from a fixed list; anything else means "no filter". */
export function choiceFilter<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values).optional().catch(undefined);
}

/** A filter naming one row by id (an organisation, a product); anything but a UUID means "no filter". */
export const idFilter = () => z.string().uuid().optional().catch(undefined);

type FilterShape = Record<string, z.ZodType<string | undefined>>;

/**
 * The zod schema of one list's query: `sorts` maps each sort key to its natural
 * direction (dates newest first, names A to Z), used when `dir` is absent.
 */
export function listQuerySchema<const S extends Record<string, SortDir>, F extends FilterShape = Record<never, never>>(o: {
  sorts: S;
  defaultSort: keyof S & string;
  filters?: F;
}) {
  const keys = Object.keys(o.sorts) as [keyof S & string, ...(keyof S & string)[]];
  return z
    .object({
      q: search,
      page,
      sort: z.enum(keys).catch(o.defaultSort).default(o.defaultSort),
      dir: z.enum(SORT_DIRS).optional().catch(undefined),
      ...(o.filters ?? ({} as F)),
    })
    .transform((v) => {
      const order = v as unknown as { sort: keyof S & string; dir?: SortDir };
      return { ...v, dir: order.dir ?? o.sorts[order.sort] ?? "asc" };
    });
}

/** The first value of each parameter (a repeated `?q=a&q=b` reads as `a`). */
export function firstValues(raw: RawParams): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
}

/** Parse a page's `searchParams` with a list schema; never throws. */
export function parseListQuery<T>(schema: z.ZodType<T>, raw: RawParams): T {
  return schema.parse(firstValues(raw));
}

export type ListQuery = { q: string; page: number; sort: string; dir: SortDir } & Record<string, string | number | undefined>;

/**
 * Links within one list that keep its search, filters and sort: `page(n)`,
 * `sort(key, dir)` (back to page 1) and `clear` (the bare list). Values equal to
 * the defaults are left out, so the plain list keeps its plain address.
 */
export function listLinks<Q extends ListQuery>(path: string, query: Q, defaults: Q) {
  const href = (over: Partial<ListQuery>) => {
    const v: Record<string, unknown> = { ...query, page: 1, ...over };
    const params = new URLSearchParams();
    const defaultOrder = v.sort === defaults.sort && v.dir === defaults.dir;
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined || value === null || value === "") continue;
      if (k === "page") {
        if (value !== 1) params.set(k, String(value));
      } else if (k === "sort" || k === "dir") {
        if (!defaultOrder) params.set(k, String(value));
      } else if (value !== defaults[k]) params.set(k, String(value));
    }
    const s = params.toString();
    return s ? `${path}?${s}` : path;
  };
  return {
    page: (n: number) => href({ page: n }),
    sort: (key: string, dir: SortDir) => href({ sort: key, dir }),
    clear: path,
    /** Hidden fields for the search form: what the form itself does not ask for (the order). */
    kept: (formFields: readonly string[]): Record<string, string> => {
      const out: Record<string, string> = {};
      const defaultOrder = query.sort === defaults.sort && query.dir === defaults.dir;
      for (const [k, value] of Object.entries(query)) {
        if (k === "page" || k === "q" || formFields.includes(k) || value === undefined || value === "") continue;
        if ((k === "sort" || k === "dir") && defaultOrder) continue;
        if (k !== "sort" && k !== "dir" && value === defaults[k]) continue;
        out[k] = String(value);
      }
      return out;
    },
  };
}
export type ListLinks = ReturnType<typeof listLinks>;

/** Which rows one page shows; a page past the end is brought back to the last page. */
export function pageWindow(total: number, requested: number, perPage: number) {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  const offset = (current - 1) * perPage;
  return { page: current, pageCount, offset, from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + perPage) };
}
