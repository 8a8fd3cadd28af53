import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listAttestationPage } from "@/lib/attestations/queries";
import { listLinks, parseListQuery } from "@/lib/http/list-params";
import { listOrgProducts } from "@/lib/rollouts/queries";
import { STATES, STATE_LABELS } from "@/lib/review/transitions";
import { attestationListSchema } from "@/lib/validations/lists";
import { ATTESTATION_KIND_LABELS } from "@/lib/validations/vendor";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { DataTable, noMatchTitle, type Column } from "@/components/ui/data-table";
import { ListControls } from "@/components/ui/list-controls";
import { Pager } from "@/components/ui/pager";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { WithdrawnLine } from "@/components/vendor/withdrawal";
import { formatPeriod } from "@/lib/format";

export const metadata: Metadata = { title: "Attestations" };
export const dynamic = "force-dynamic";

const PATH = "/vendor/attestations";
type Row = Awaited<ReturnType<typeof listAttestationPage>>["rows"][number];

const COLUMNS: Column<Row>[] = [
  {
    key: "product",
    header: "Product and catalog",
    sortKey: "product",
    cell: (a) => (
      <Link href={`/vendor/attestations/${a.id}`} className="text-brand-700 underline">
        {a.productName}: {a.frameworkTitle} {a.frameworkVersion}
      </Link>
    ),
  },
  { key: "period", header: "Period", sortKey: "period", firstDir: "desc", cell: (a) => formatPeriod(a.periodStart, a.periodEnd) },
  { key: "kind", header: "Kind", phone: "hidden", cell: (a) => ATTESTATION_KIND_LABELS[a.kind] },
  { key: "revision", header: "Revision", phone: "hidden", cell: (a) => a.revision },
  {
    key: "status",
    header: "Status",
    sortKey: "status",
    cell: (a) => (
      <>
        <AttestationStatusBadge status={a.status} />
        <WithdrawnLine at={a.withdrawnAt} byName={a.withdrawnByName} />
      </>
    ),
  },
];

export default async function AttestationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("vendor.workspace");
  const query = parseListQuery(attestationListSchema, await searchParams);
  const links = listLinks(PATH, query, attestationListSchema.parse({}));
  const db = await getDb();
  const [list, products] = await Promise.all([listAttestationPage(db, actor.organisationId, query), listOrgProducts(db, actor.organisationId)]);
  const filtered = Boolean(query.q || query.status || query.product);
  return (
    <>
      <PageHeader
        title="Attestations"
        description="Each attestation answers the principles for one product and reporting period."
        actions={
          <Link href="/vendor/attestations/new" className={buttonClass()}>
            Start an attestation
          </Link>
        }
      />
      <ListControls
        id="attestations"
        action={PATH}
        label="Find attestations"
        q={query.q}
        placeholder="Product or catalog"
        clearHref={links.clear}
        hidden={links.kept(["status", "product"])}
        filters={[
          { name: "status", label: "Status", value: query.status, anyLabel: "Any status", options: STATES.map((s) => [s, STATE_LABELS[s]] as const) },
          { name: "product", label: "Product", value: query.product, anyLabel: "Every product", options: products.map((p) => [p.id, p.name] as const) },
        ]}
      />
      <DataTable
        caption="Attestations"
        columns={COLUMNS}
        rows={list.rows}
        rowKey={(a) => a.id}
        sort={{ key: query.sort, dir: query.dir, href: links.sort }}
        empty={
          filtered
            ? {
                reason: "no-match",
                title: noMatchTitle("No attestation", query.q, Boolean(query.status || query.product)),
                action: (
                  <Link href={links.clear} className="underline">
                    Show every attestation
                  </Link>
                ),
              }
            : {
                reason: "none",
                title: "No attestations yet",
                action: (
                  <Link href="/vendor/attestations/new" className="underline">
                    Start an attestation
                  </Link>
                ),
              }
        }
      />
      <Pager
        label="Pages of attestations"
        page={list.page}
        pageCount={list.pageCount}
        href={links.page}
        total={list.total}
        from={list.from}
        to={list.to}
        noun={["attestation"]}
      />
    </>
  );
}
