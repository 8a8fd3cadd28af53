import { ANSWER_STATUSES, describeRequirements, type AnswerRequirements } from "@/lib/catalog/answer-requirements";
import { STATUS_LABELS } from "@/lib/validations/vendor";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** What an answer must hold, per implementation status, before an attestation against this version can be submitted. */
export function AnswerRequirementsTable({ requirements, caption = "What each status requires" }: { requirements: AnswerRequirements; caption?: string }) {
  return (
    <ScrollRegion label={caption} className="rounded-lg border border-gray-300 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-gray-100">
          <tr>
            <th scope="col" className="w-48 px-4 py-2">
              Status
            </th>
            <th scope="col" className="px-4 py-2">
              What the answer needs
            </th>
          </tr>
        </thead>
        <tbody>
          {ANSWER_STATUSES.map((s) => (
            <tr key={s} className="border-t border-gray-200 align-top">
              <th scope="row" className="px-4 py-2 font-semibold">
                {STATUS_LABELS[s]}
              </th>
              <td className="px-4 py-2">{describeRequirements(requirements[s])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
