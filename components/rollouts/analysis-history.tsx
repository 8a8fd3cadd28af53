import type { ReactNode } from "react";
import type { AnalysisHistoryEntry } from "@/lib/rollouts/history";
import { SeverityBadge } from "./severity-badge";
import { formatDateTime } from "@/lib/format";
import { FINDING_CODE_LABELS } from "@/lib/validations/rollouts";
import type { FindingCode } from "@/lib/rollouts/analysis";
import { ScrollRegion } from "@/components/ui/scroll-region";

const REASONS: Record<AnalysisHistoryEntry["reason"], string> = {
  created: "Record stored",
  appended: "Event appended",
  reanalysed: "Re-analysed",
};

const codeList = (codes: string[]) =>
  codes.length ? (
    <ul className="list-none">
      {codes.map((c) => (
        <li key={c}>{FINDING_CODE_LABELS[c as FindingCode] ?? c}</li>
      ))}
    </ul>
  ) : (
    "None"
  );

/** Every analysis the record has had, oldest first, with the finding codes each one added or dropped. */
export function AnalysisHistory({ entries, action, zone }: { entries: AnalysisHistoryEntry[]; action?: ReactNode; zone: string }) {
  return (
    <section aria-labelledby="analysis-history">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h2 id="analysis-history" className="text-lg font-semibold">
          Analysis history
        </h2>
        {action}
      </div>
      {entries.length === 0 ? (
        <p className="text-sm">This record has not been analysed yet.</p>
      ) : (
        <ScrollRegion label="Analyses of this record, oldest first">
          <table className="w-full min-w-[40rem] text-left text-sm [&_td]:py-1 [&_td]:pr-3 [&_th]:py-1 [&_th]:pr-3">
            <caption className="sr-only">Analyses of this record, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Why</th>
                <th scope="col">Analyser</th>
                <th scope="col">Catalog</th>
                <th scope="col">Worst finding</th>
                <th scope="col">Findings that appeared</th>
                <th scope="col">Findings that disappeared</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} className="border-t align-top">
                  <td className="whitespace-nowrap">{formatDateTime(e.createdAt, zone)}</td>
                  <td>{REASONS[e.reason]}</td>
                  <td>version {e.analyserVersion}</td>
                  <td>{e.catalog ? `${e.catalog.title} ${e.catalog.version}` : "—"}</td>
                  <td>
                    <SeverityBadge severity={e.worstSeverity} />
                  </td>
                  <td>{codeList(e.appeared)}</td>
                  <td>{codeList(e.disappeared)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}
