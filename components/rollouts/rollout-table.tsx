import Link from "next/link";
import type { RolloutSummary } from "@/lib/rollouts/store";
import { SeverityBadge } from "./severity-badge";
import { utc } from "./format";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** Releases with their worst finding; used on the rollouts list and the product page. */
export function RolloutTable({ rows, caption, showProduct = true }: { rows: RolloutSummary[]; caption: string; showProduct?: boolean }) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="px-4 py-2">Release</th>
            {showProduct ? <th scope="col" className="px-4 py-2">Product</th> : null}
            <th scope="col" className="px-4 py-2">Channel</th>
            <th scope="col" className="px-4 py-2">Released</th>
            <th scope="col" className="px-4 py-2">Worst finding</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-gray-200">
              <td className="px-4 py-2">
                <Link href={`/vendor/rollouts/${r.id}`} className="text-brand-700 underline">
                  {r.releaseId}
                </Link>
                <div className="text-xs text-muted">
                  {r.version}
                  {r.state === "open" ? <span className="ml-2 rounded border border-amber-700 bg-amber-50 px-1 font-semibold text-amber-900">Open: still rolling out</span> : null}
                </div>
              </td>
              {showProduct ? <td className="px-4 py-2">{r.productName}</td> : null}
              <td className="px-4 py-2">{r.channel === "code" ? "Code / driver" : "Content"}</td>
              <td className="px-4 py-2 whitespace-nowrap">{utc(r.releasedAt)}</td>
              <td className="px-4 py-2">
                <SeverityBadge severity={r.worstSeverity} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
