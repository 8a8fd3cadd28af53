import { LEVEL_LABELS } from "@/lib/validations/catalog";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** The five maturity descriptors of a control, level 0 to 4. */
export function RubricTable({ rubric, caption = "Rubric" }: { rubric: ReadonlyArray<string>; caption?: string }) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="w-28 px-3 py-2 sm:w-40 sm:px-4">
              Level
            </th>
            <th scope="col" className="px-3 py-2 sm:px-4">
              What the reviewer must see
            </th>
          </tr>
        </thead>
        <tbody>
          {LEVEL_LABELS.map((label, level) => (
            <tr key={label} className="border-t border-gray-200 align-top">
              <th scope="row" className="px-3 py-2 font-semibold sm:px-4">
                {label}
              </th>
              <td className="px-3 py-2 whitespace-pre-line sm:px-4">
                {rubric[level]?.trim() ? rubric[level] : <em className="text-muted">Not written yet</em>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
