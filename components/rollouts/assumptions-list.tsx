import { TablePager, pageOf } from "./table-pager";
import { formatNumber } from "@/lib/format";

export const ASSUMPTIONS_PER_PAGE = 25;

/** What the analysis inferred where the record was silent; long lists are paged (`?assumptions=N`). */
export function AssumptionsList({ assumptions, page, href }: { assumptions: string[]; page: number; href: (page: number) => string }) {
  if (assumptions.length === 0) return <p className="text-sm">None: the record gave every time and gate the analysis needed.</p>;
  const p = pageOf(assumptions.length, page, ASSUMPTIONS_PER_PAGE);
  return (
    <div id="assumptions">
      {p.pageCount > 1 ? (
        <p className="text-sm text-muted">
          {p.from + 1}–{p.to} of {formatNumber(assumptions.length)} assumptions.
        </p>
      ) : null}
      <ul className="list-disc pl-5 text-sm">
        {assumptions.slice(p.from, p.to).map((s, i) => (
          <li key={p.from + i}>{s}</li>
        ))}
      </ul>
      <TablePager label="Pages of assumptions" page={p.page} pageCount={p.pageCount} href={href} />
    </div>
  );
}
