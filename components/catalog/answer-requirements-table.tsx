import { ANSWER_STATUSES, describeRequirements, type AnswerRequirements } from "@/lib/catalog/answer-requirements";
import { STATUS_LABELS } from "@/lib/validations/vendor";
import { TermTable } from "@/components/ui/term-table";

/** What an answer must hold, per implementation status, before an attestation against this version can be submitted. */
export function AnswerRequirementsTable({ requirements, caption = "What each status requires" }: { requirements: AnswerRequirements; caption?: string }) {
  return (
    <TermTable
      caption={caption}
      headings={["Status", "What the answer needs"]}
      termWidth="w-36 sm:w-48"
      rows={ANSWER_STATUSES.map((s) => ({ key: s, term: STATUS_LABELS[s], value: describeRequirements(requirements[s]) }))}
    />
  );
}
