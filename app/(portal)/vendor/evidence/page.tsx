import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { listEvidence, type VaultItem } from "@/lib/evidence/queries";
import { count, formatDate } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { listLinks, parseListQuery } from "@/lib/http/list-params";
import {
  CLASSIFICATIONS,
  CLASSIFICATION_LABELS,
  EVIDENCE_KIND_LABELS,
  EXPIRY_FILTERS,
  EXPIRY_FILTER_LABELS,
  vaultFilterSchema,
} from "@/lib/validations/vendor";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { DataTable, noMatchTitle, type Column } from "@/components/ui/data-table";
import { ListControls } from "@/components/ui/list-controls";
import { Pager } from "@/components/ui/pager";
import { ExpiryFlag } from "@/components/vendor/badges";
import { RetiredBadge } from "@/components/evidence/retired-badge";

export const metadata: Metadata = { title: "Evidence vault" };
export const dynamic = "force-dynamic";

const PATH = "/vendor/evidence";
const STATUS_OPTIONS = [
  ["active", "Current"],
  ["retired", "Retired"],
  ["all", "Current and retired"],
] as const;

function columns(today: string, zone: string): Column<VaultItem>[] {
  return [
    {
      key: "title",
      header: "Title",
      sortKey: "title",
      cell: (e) => (
        <>
          <Link href={`/vendor/evidence/${e.id}`} className="font-medium text-brand-700 underline">
            {e.title}
          </Link>{" "}
          {e.status === "retired" ? <RetiredBadge /> : null}
          <div className="text-xs font-normal break-all text-muted">
            {e.fileName ?? e.url ?? null}
            {e.currentVersion > 1 ? ` · version ${e.currentVersion}` : ""}
          </div>
        </>
      ),
    },
    { key: "kind", header: "Kind", sortKey: "kind", cell: (e) => EVIDENCE_KIND_LABELS[e.kind as keyof typeof EVIDENCE_KIND_LABELS] ?? e.kind },
    { key: "date", header: "Describes", className: "hidden md:table-cell", phone: "hidden", cell: (e) => e.evidenceDate ?? "—" },
    { key: "visibility", header: "Visibility", className: "hidden md:table-cell", phone: "hidden", cell: (e) => CLASSIFICATION_LABELS[e.classification] },
    {
      key: "validity",
      header: "Validity",
      sortKey: "validity",
      cell: (e) => (e.validUntil ? <ExpiryFlag validUntil={e.validUntil} today={today} /> : <span className="text-xs text-muted">No end date</span>),
    },
    { key: "links", header: "Linked to", sortKey: "links", firstDir: "desc", className: "hidden sm:table-cell", cell: (e) => count(e.links, "control") },
    {
      key: "added",
      header: "Added",
      sortKey: "added",
      firstDir: "desc",
      className: "hidden lg:table-cell whitespace-nowrap",
      phone: "hidden",
      cell: (e) => formatDate(e.createdAt, zone),
    },
  ];
}

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("vendor.workspace");
  const query = parseListQuery(vaultFilterSchema, await searchParams);
  const links = listLinks(PATH, query, vaultFilterSchema.parse({}));
  const today = todayIso();
  const list = await listEvidence(await getDb(), actor.organisationId, query, today);
  const filtered = Boolean(query.q || query.kind || query.expiry || query.classification || query.status !== "active");
  return (
    <>
      <PageHeader
        title="Evidence vault"
        description="Files and links that support your answers. One item can support many controls and attestations."
        actions={
          <Link href="/vendor/evidence/new" className={buttonClass()}>
            Add evidence
          </Link>
        }
      />
      <ListControls
        id="vault"
        action={PATH}
        label="Find evidence"
        q={query.q}
        placeholder="Title, description or file name"
        submitLabel="Show matching evidence"
        clearHref={links.clear}
        hidden={links.kept(["kind", "expiry", "classification", "status"])}
        filters={[
          { name: "kind", label: "Kind", value: query.kind, anyLabel: "Any kind", options: EVIDENCE_KINDS.map((k) => [k, EVIDENCE_KIND_LABELS[k]] as const) },
          {
            name: "expiry",
            label: "Validity",
            value: query.expiry,
            anyLabel: "Any",
            options: EXPIRY_FILTERS.map((k) => [k, EXPIRY_FILTER_LABELS[k]] as const),
          },
          {
            name: "classification",
            label: "Visibility",
            value: query.classification,
            anyLabel: "Any",
            options: CLASSIFICATIONS.map((c) => [c, CLASSIFICATION_LABELS[c]] as const),
          },
          { name: "status", label: "Status", value: query.status, options: STATUS_OPTIONS },
        ]}
      />
      <DataTable
        caption="Evidence items"
        columns={columns(today, await readerTimeZone())}
        rows={list.rows}
        rowKey={(e) => e.id}
        sort={{ key: query.sort, dir: query.dir, href: links.sort }}
        empty={
          filtered
            ? {
                reason: "no-match",
                title: noMatchTitle("No evidence", query.q, Boolean(query.kind || query.expiry || query.classification || query.status !== "active")),
                action: (
                  <Link href={links.clear} className="underline">
                    Show all current evidence
                  </Link>
                ),
              }
            : {
                reason: "none",
                title: "The vault is empty",
                body: "Files and links you add here can support any answer.",
                action: (
                  <Link href="/vendor/evidence/new" className="underline">
                    Upload a file or add a link
                  </Link>
                ),
              }
        }
      />
      <Pager
        label="Pages of evidence"
        page={list.page}
        pageCount={list.pageCount}
        href={links.page}
        total={list.total}
        from={list.from}
        to={list.to}
        noun={query.status === "retired" ? ["retired item"] : ["item"]}
      />
    </>
  );
}
