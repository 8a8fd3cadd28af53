import type { Severity } from "@/lib/rollouts/analysis";
import { SEVERITY_LABELS } from "@/lib/validations/rollouts";

const STYLES: Record<Severity, string> = {
  critical: "bg-red-800 text-white",
  major: "bg-orange-200 text-orange-950 border border-orange-700",
  minor: "bg-yellow-100 text-yellow-950 border border-yellow-700",
  info: "bg-blue-50 text-blue-950 border border-blue-700",
};

/** The worst finding as a word, not only a colour. */
export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity)
    return <span className="inline-block rounded border border-green-700 bg-green-50 px-2 py-0.5 text-xs font-semibold text-green-900">No findings</span>;
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${STYLES[severity]}`}>{SEVERITY_LABELS[severity]}</span>;
}
