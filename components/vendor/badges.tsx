import { STATE_LABELS, type State } from "@/lib/review/transitions";
import { formatDate } from "@/lib/format";

const ATTESTATION_STATUS: Record<string, { label: string; tone: string }> = {
  draft: { label: "Draft", tone: "bg-amber-100 text-amber-900 border-amber-700" },
  submitted: { label: "Submitted", tone: "bg-green-100 text-green-900 border-green-700" },
  in_review: { label: "In review", tone: "bg-sky-100 text-sky-900 border-sky-700" },
  reconciliation: { label: "Reconciliation", tone: "bg-indigo-100 text-indigo-900 border-indigo-700" },
  decided: { label: "Decided", tone: "bg-emerald-100 text-emerald-900 border-emerald-800" },
  published: { label: "Published", tone: "bg-emerald-100 text-emerald-900 border-emerald-800" },
  changes_requested: { label: "Changes requested", tone: "bg-orange-100 text-orange-900 border-orange-700" },
  withdrawn: { label: "Withdrawn", tone: "bg-gray-100 text-gray-800 border-gray-600" },
};

export function AttestationStatusBadge({ status }: { status: string }) {
  const s = ATTESTATION_STATUS[status] ?? { label: STATE_LABELS[status as State] ?? status, tone: "bg-gray-100 text-gray-800 border-gray-600" };
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${s.tone}`}>{s.label}</span>;
}

/** Expired evidence is flagged in words, not colour alone. */
export function ExpiryFlag({ validUntil, today }: { validUntil: string | null; today: string }) {
  if (!validUntil) return null;
  if (validUntil < today)
    return (
      <span className="inline-block rounded border border-red-700 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800">
        Expired on {formatDate(validUntil)}
      </span>
    );
  return <span className="text-xs text-muted">Valid until {formatDate(validUntil)}</span>;
}
