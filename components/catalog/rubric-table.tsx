import { LEVEL_LABELS } from "@/lib/validations/catalog";
import { TermTable } from "@/components/ui/term-table";

/** The five maturity descriptors of a control, level 0 to 4. */
export function RubricTable({ rubric, caption = "Rubric" }: { rubric: ReadonlyArray<string>; caption?: string }) {
  return (
    <TermTable
      caption={caption}
      headings={["Level", "What the reviewer must see"]}
      rows={LEVEL_LABELS.map((label, level) => ({
        key: label,
        term: label,
        value: rubric[level]?.trim() ? rubric[level] : <em className="text-muted">Not written yet</em>,
      }))}
    />
  );
}
