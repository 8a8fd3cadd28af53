import Link from "next/link";
import type { ReactNode } from "react";
import type { SortDir } from "@/lib/http/list-params";
import { ScrollRegion } from "@/components/ui/scroll-region";

export type Column<T> = {
  /** Unique within the table. */
  key: string;
  /** Column heading; also the label of the value on a phone's card. */
  header: string;
  cell: (row: T) => ReactNode;
  /** The `?sort=` value that orders by this column; without it the heading is plain text. */
  sortKey?: string;
  /** The order of the first press on this heading (dates newest first: "desc"); default "asc". */
  firstDir?: SortDir;
  /** Classes for the heading and cells in the table (e.g. "hidden md:table-cell", "whitespace-nowrap"). */
  className?: string;
  /** On a phone's card: the card's heading ("title", the first column by default), a "label: value" line (default), or left out. */
  phone?: "title" | "label" | "hidden";
};

export type TableSort = { key: string; dir: SortDir; href: (key: string, dir: SortDir) => string };

/**
 * Why a list shows no rows, as the page knows it: "none" (nothing recorded
 * yet; the action says how to add the first) or "no-match" (rows exist, the
 * search or filters exclude them; the action usually clears them).
 */
export type EmptyMessage = { reason: "none" | "no-match"; title: string; body?: ReactNode; action?: ReactNode };

type Props<T> = {
  /** Names the table for screen readers (and the phone's list of cards). */
  caption: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  sort?: TableSort;
  empty: EmptyMessage;
  /** Below the `sm` breakpoint: one card per row ("stack", for lists) or the table in a sideways-scrolling region ("scroll", for wide tables whose cells hold forms). */
  phone?: "stack" | "scroll";
  /** Extra classes for the table (e.g. a minimum width). */
  tableClassName?: string;
};

const ARROW: Record<SortDir, string> = { asc: "↑", desc: "↓" };
const DIR_WORD: Record<SortDir, string> = { asc: "ascending", desc: "descending" };
const flip = (d: SortDir): SortDir => (d === "asc" ? "desc" : "asc");

/**
 * A heading's sort link. Its name is the heading alone (the table's `aria-sort` says
 * how it is sorted), so it never competes with a field labelled the same (a "Product" filter).
 * Above the phone cards, where there is no `aria-sort`, the sorted one says so in words.
 */
function SortLink({ column, sort, stateInWords = false }: { column: Column<unknown>; sort: TableSort; stateInWords?: boolean }) {
  const key = column.sortKey!;
  const active = sort.key === key;
  // Pressing the sorted column reverses it; another column starts in its natural order.
  const next = active ? flip(sort.dir) : (column.firstDir ?? "asc");
  return (
    <Link
      href={sort.href(key, next)}
      aria-current={stateInWords && active ? "true" : undefined}
      className="underline decoration-gray-400 underline-offset-2 hover:decoration-current"
    >
      {column.header}
      <span aria-hidden="true" className={active ? "" : "text-gray-500"}>{` ${active ? ARROW[sort.dir] : "↕"}`}</span>
      {stateInWords && active ? <span className="sr-only">{` (sorted ${DIR_WORD[sort.dir]})`}</span> : null}
    </Link>
  );
}

function Empty({ empty }: { empty: EmptyMessage }) {
  return (
    <div data-empty={empty.reason} className="rounded-lg border border-dashed border-gray-400 bg-white p-6 text-center">
      <p className="font-semibold">{empty.title}</p>
      {empty.body ? <div className="mt-2 text-sm text-muted">{empty.body}</div> : null}
      {empty.action ? <div className="mt-3 text-sm">{empty.action}</div> : null}
    </div>
  );
}

/**
 * The portal's one list table: caption, sortable headings (links that set
 * `?sort=&dir=`, so the order is in the address and every heading is a Tab
 * stop), an empty state, and phone layouts. Presentational: the page fetches
 * the rows (already sorted and paged in SQL) and passes them in.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, sort, empty, phone = "stack", tableClassName = "" }: Props<T>) {
  if (rows.length === 0) return <Empty empty={empty} />;
  const table = (
    <table className={`w-full text-left text-sm ${tableClassName}`}>
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-gray-100">
        <tr>
          {columns.map((c) => {
            const sorted = sort && c.sortKey && sort.key === c.sortKey;
            return (
              <th
                key={c.key}
                scope="col"
                aria-sort={sorted ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}
                className={`px-4 py-2 ${c.className ?? ""}`}
              >
                {sort && c.sortKey ? <SortLink column={c as Column<unknown>} sort={sort} /> : c.header}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={rowKey(r)} className="border-t border-gray-200 align-top">
            {columns.map((c) => (
              <td key={c.key} className={`px-4 py-2 ${c.className ?? ""}`}>
                {c.cell(r)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  const scrolling = (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      {table}
    </ScrollRegion>
  );
  if (phone === "scroll") return scrolling;
  return (
    <>
      <div className="hidden sm:block">{scrolling}</div>
      <div className="sm:hidden">
        {sort ? <PhoneSort columns={columns} sort={sort} /> : null}
        <Cards caption={caption} columns={columns} rows={rows} rowKey={rowKey} />
      </div>
    </>
  );
}

/** On a phone the headings are gone, so the sort links sit above the cards. */
function PhoneSort<T>({ columns, sort }: { columns: Column<T>[]; sort: TableSort }) {
  const sortable = columns.filter((c) => c.sortKey);
  if (sortable.length === 0) return null;
  return (
    <nav aria-label="Sort the list" className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="text-muted">Sort by</span>
      {sortable.map((c) => (
        <span key={c.key} className={`inline-flex min-h-6 items-center ${sort.key === c.sortKey ? "font-semibold" : ""}`}>
          <SortLink column={c as Column<unknown>} sort={sort} stateInWords />
        </span>
      ))}
    </nav>
  );
}

/** One compact card per row: the title column as its heading, then short "label: value" lines. */
function Cards<T>({ caption, columns, rows, rowKey }: { caption: string; columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string }) {
  const role = (c: Column<T>, i: number) => c.phone ?? (i === 0 ? "title" : "label");
  const titles = columns.filter((c, i) => role(c, i) === "title");
  const labelled = columns.filter((c, i) => role(c, i) === "label");
  return (
    <ul aria-label={caption} className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white">
      {rows.map((r) => (
        <li key={rowKey(r)} className="px-3 py-2 text-sm">
          {titles.map((c) => (
            <div key={c.key} className="min-w-0 font-medium break-words">
              {c.cell(r)}
            </div>
          ))}
          {labelled.length ? (
            <dl className="mt-1 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-0.5">
              {labelled.map((c) => (
                <div key={c.key} className="contents">
                  <dt className="text-xs leading-5 text-muted">{c.header}</dt>
                  <dd className="min-w-0 break-words">{c.cell(r)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** The no-match title: `No evidence matches “runbook”`, `… with these filters`, or `No evidence matches these filters`. */
export function noMatchTitle(subject: string, q: string, otherFilters: boolean): string {
  if (!q) return `${subject} matches these filters`;
  return `${subject} matches “${q}”${otherFilters ? " with these filters" : ""}`;
}
