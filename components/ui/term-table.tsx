import type { ReactNode } from "react";
import { ScrollRegion } from "@/components/ui/scroll-region";

export type TermRow = { key: string; term: ReactNode; value: ReactNode };

/**
 * A two-column reference table: each row names a term (a status, a level) in a row heading and says
 * what it means beside it. The caption is read by screen readers and names the scroll region.
 */
export function TermTable({
  caption,
  headings,
  rows,
  termWidth = "w-28 sm:w-40",
}: {
  caption: string;
  headings: [string, string];
  rows: TermRow[];
  termWidth?: string;
}) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className={`${termWidth} px-3 py-2 sm:px-4`}>
              {headings[0]}
            </th>
            <th scope="col" className="px-3 py-2 sm:px-4">
              {headings[1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-gray-200 align-top">
              <th scope="row" className="px-3 py-2 font-semibold sm:px-4">
                {r.term}
              </th>
              <td className="px-3 py-2 whitespace-pre-line sm:px-4">{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
