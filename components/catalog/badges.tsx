import type { VersionStatus } from "@/lib/catalog/queries";
import { formatDate as formatDay } from "@/lib/format";

const STATUS_STYLE: Record<VersionStatus, string> = {
  draft: "border-amber-700 bg-amber-50 text-amber-900",
  published: "border-green-700 bg-green-50 text-green-900",
  retired: "border-gray-500 bg-gray-100 text-gray-800",
};
export const STATUS_LABEL: Record<VersionStatus, string> = { draft: "Draft", published: "Published", retired: "Retired" };

export function StatusBadge({ status }: { status: VersionStatus }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_STYLE[status]}`}>{STATUS_LABEL[status]}</span>;
}

export function MustBadge() {
  return (
    <span
      className="inline-block rounded border border-red-700 bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-800"
      title="A score of 0 on this control caps the decision"
    >
      Must
    </span>
  );
}

/** A catalog version's day of publication or retirement ("3 Dec 2026", in UTC; the one formatter). */
export function formatDate(d: Date | null): string {
  return formatDay(d);
}
