import Link from "next/link";

/** Which slice of `total` rows one page shows; an out-of-range page number is brought back into range. */
export function pageOf(total: number, requested: number, perPage: number) {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(requested) || 1), pageCount);
  const from = (page - 1) * perPage;
  return { page, pageCount, from, to: Math.min(total, from + perPage) };
}

/** Previous / next links under a long table; nothing when everything fits on one page. */
export function TablePager({ label, page, pageCount, href }: { label: string; page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="flex flex-wrap items-center gap-3 border-t border-gray-200 px-3 py-2 text-sm">
      {page > 1 ? <Link href={href(page - 1)} className="underline" rel="prev">Previous</Link> : null}
      <span>Page {page} of {pageCount}</span>
      {page < pageCount ? <Link href={href(page + 1)} className="underline" rel="next">Next</Link> : null}
    </nav>
  );
}
