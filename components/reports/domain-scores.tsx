import { DomainScoresChart } from "./charts";
import { ScrollRegion } from "@/components/ui/scroll-region";

type Domain = { key: string; title: string; score: number };

/** The main fact of a set of domain scores, in words: the chart's caption and its accessible name. */
export function domainCaption(domains: readonly Domain[]): string {
  if (!domains.length) return "No domain scores.";
  const sorted = [...domains].sort((a, b) => b.score - a.score);
  const hi = sorted[0]!;
  const lo = sorted[sorted.length - 1]!;
  return hi === lo
    ? `${hi.title} scored ${hi.score.toFixed(2)} of 4.`
    : `Highest: ${hi.title}, ${hi.score.toFixed(2)} of 4. Lowest: ${lo.title}, ${lo.score.toFixed(2)} of 4.`;
}

/** Domain scores as a chart with its caption, and the same values as a table (report page and public summary). */
export function DomainScores({ domains, note = "" }: { domains: readonly Domain[]; note?: string }) {
  const caption = domainCaption(domains);
  return (
    <>
      <figure>
        <DomainScoresChart data={domains.map((d) => ({ label: d.title, score: d.score }))} title={`Domain scores out of 4. ${caption}`} />
        <figcaption className="mt-1 text-sm text-muted">
          {caption}
          {note ? ` ${note}` : ""}
        </figcaption>
      </figure>
      <ScrollRegion label="Domain scores table" className="mt-3">
        <table className="min-w-full text-sm">
          <caption className="sr-only">Domain scores as a table</caption>
          <thead>
            <tr className="text-left">
              <th scope="col" className="py-1 pr-4">
                Domain
              </th>
              <th scope="col" className="py-1">
                Score (0–4)
              </th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr key={d.key} className="border-t border-gray-200">
                <th scope="row" className="py-1 pr-4 text-left font-normal">
                  {d.title}
                </th>
                <td className="py-1 tabular-nums">{d.score.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
