import Link from "next/link";
import type { RolloutSummary } from "@/lib/rollouts/store";
import { DataTable, type Column, type EmptyMessage, type TableSort } from "@/components/ui/data-table";
import { SeverityBadge } from "./severity-badge";
import { formatDateTime } from "@/lib/format";

function columns(showProduct: boolean, zone: string): Column<RolloutSummary>[] {
  return [
    {
      key: "release",
      header: "Release",
      sortKey: "release",
      cell: (r) => (
        <>
          <Link href={`/vendor/rollouts/${r.id}`} className="text-brand-700 underline">
            {r.releaseId}
          </Link>
          <div className="text-xs font-normal text-muted">
            {r.version}
            {r.state === "open" ? (
              <span className="ml-2 rounded border border-amber-700 bg-amber-50 px-1 font-semibold text-amber-900">Open: still rolling out</span>
            ) : null}
          </div>
        </>
      ),
    },
    ...(showProduct ? [{ key: "product", header: "Product", sortKey: "product", cell: (r: RolloutSummary) => r.productName }] : []),
    { key: "channel", header: "Channel", phone: "hidden", cell: (r) => (r.channel === "code" ? "Code / driver" : "Content") },
    {
      key: "released",
      header: "Released",
      sortKey: "released",
      firstDir: "desc",
      className: "whitespace-nowrap",
      cell: (r) => formatDateTime(r.releasedAt, zone),
    },
    { key: "finding", header: "Worst finding", sortKey: "finding", firstDir: "desc", cell: (r) => <SeverityBadge severity={r.worstSeverity} /> },
  ];
}

/** Releases with their worst finding; used on the rollouts list (sortable) and the product page. Release times are in the reader's zone. */
export function RolloutTable({
  rows,
  caption,
  zone,
  showProduct = true,
  sort,
  empty,
}: {
  rows: RolloutSummary[];
  caption: string;
  /** The reader's IANA time zone (readerTimeZone()). */
  zone: string;
  showProduct?: boolean;
  sort?: TableSort;
  empty?: EmptyMessage;
}) {
  return (
    <DataTable
      caption={caption}
      columns={columns(showProduct, zone)}
      rows={rows}
      rowKey={(r) => r.id}
      sort={sort}
      empty={empty ?? { reason: "none", title: "No releases recorded yet" }}
    />
  );
}
