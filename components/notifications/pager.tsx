import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

/** Previous / next page links under a list; nothing when everything fits on one page. */
export function Pager({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-3 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className={buttonClass("secondary")} rel="prev">Previous page</Link> : null}
      <span>Page {page} of {pageCount}</span>
      {page < pageCount ? <Link href={href(page + 1)} className={buttonClass("secondary")} rel="next">Next page</Link> : null}
    </nav>
  );
}
