import Link from "next/link";
import { count, formatNumber } from "@/lib/format";
import { buttonClass } from "@/components/ui/button";

type Props = {
  /** Names the navigation, e.g. "Pages of people"; needed when a page has more than one pager. */
  label?: string;
  page: number;
  pageCount: number;
  /** The address of another page, keeping the list's search, filters and order. */
  href: (page: number) => string;
  /** With `total`, `from`, `to` and `noun`: "Showing 26–50 of 312 items." */
  total?: number;
  from?: number;
  to?: number;
  /** Singular and plural of what is counted, e.g. ["item", "items"]. */
  noun?: readonly [string, string?];
  /** Spacing and borders where it sits; default a gap above. */
  className?: string;
};

/**
 * Under a list: which rows are shown and previous / next links. The links keep
 * every other parameter (they come from `href`); nothing is shown for an empty list
 * or, without a total, when everything fits on one page.
 */
export function Pager({ label = "Pages", page, pageCount, href, total, from, to, noun = ["row"], className = "mt-3" }: Props) {
  const summary = total !== undefined && total > 0 && from !== undefined && to !== undefined;
  if (!summary && pageCount <= 1) return null;
  return (
    <nav aria-label={label} className={`flex flex-wrap items-center gap-3 text-sm ${className}`}>
      {summary ? <p>{`Showing ${formatNumber(from)}–${formatNumber(to)} of ${count(total, noun[0], noun[1])}.`}</p> : null}
      {pageCount > 1 ? (
        <>
          {page > 1 ? (
            <Link href={href(page - 1)} className={buttonClass("secondary")} rel="prev">
              Previous page
            </Link>
          ) : null}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? (
            <Link href={href(page + 1)} className={buttonClass("secondary")} rel="next">
              Next page
            </Link>
          ) : null}
        </>
      ) : null}
    </nav>
  );
}
