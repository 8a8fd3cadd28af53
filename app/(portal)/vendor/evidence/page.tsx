import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { listEvidence, VAULT_PAGE_SIZE } from "@/lib/evidence/queries";
import { count } from "@/lib/format";
import { CLASSIFICATION_LABELS, EVIDENCE_KIND_LABELS, vaultFilterSchema, type VaultFilter } from "@/lib/validations/vendor";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFlag } from "@/components/vendor/badges";
import { RetiredBadge } from "@/components/evidence/retired-badge";
import { VaultFilters } from "./vault-filters";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Evidence vault" };
export const dynamic = "force-dynamic";

function pageHref(f: VaultFilter, page: number): string {
  const q = new URLSearchParams();
  if (f.q) q.set("q", f.q);
  if (f.kind) q.set("kind", f.kind);
  if (f.status !== "active") q.set("status", f.status);
  if (f.expiry) q.set("expiry", f.expiry);
  if (f.classification) q.set("classification", f.classification);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/vendor/evidence?${s}` : "/vendor/evidence";
}

export default async function EvidencePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("vendor.workspace");
  const raw = await searchParams;
  const filter = vaultFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const today = todayIso();
  const { rows, total, page, pageCount } = await listEvidence(await getDb(), actor.organisationId, filter, today);
  const filtered = Boolean(filter.q || filter.kind || filter.expiry || filter.classification || filter.status !== "active");
  const first = (page - 1) * VAULT_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader title="Evidence vault" description="Files and links that support your answers. One item can support many controls and attestations." actions={<Link href="/vendor/evidence/new" className={buttonClass()}>Add evidence</Link>} />
      <VaultFilters filter={filter} />
      <p className="mb-2 text-sm" aria-live="polite">
        {total === 0 ? "No items match." : `Showing ${first}–${first + rows.length - 1} of ${count(total, filter.status === "retired" ? "retired item" : "item")}.`}
      </p>
      {rows.length === 0 ? (
        filtered ? (
          <EmptyState title="Nothing matches these filters"><Link href="/vendor/evidence" className="underline">Show all current evidence</Link></EmptyState>
        ) : (
          <EmptyState title="The vault is empty"><Link href="/vendor/evidence/new" className="underline">Upload a file or add a link</Link> to support your answers.</EmptyState>
        )
      ) : (
        <ScrollRegion label="Evidence items" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Evidence items</caption>
            <thead className="bg-gray-100">
              <tr>
                <th scope="col" className="px-4 py-2">Title</th>
                <th scope="col" className="px-4 py-2">Kind</th>
                <th scope="col" className="hidden px-4 py-2 md:table-cell">Describes</th>
                <th scope="col" className="hidden px-4 py-2 md:table-cell">Visibility</th>
                <th scope="col" className="px-4 py-2">Validity</th>
                <th scope="col" className="hidden px-4 py-2 sm:table-cell">Linked to</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} className="border-t border-gray-200 align-top">
                  <td className="px-4 py-2">
                    <Link href={`/vendor/evidence/${e.id}`} className="font-medium text-brand-700 underline">{e.title}</Link> {e.status === "retired" ? <RetiredBadge /> : null}
                    <div className="break-all text-xs text-muted">{e.fileName ?? e.url ?? null}{e.currentVersion > 1 ? ` · version ${e.currentVersion}` : ""}</div>
                  </td>
                  <td className="px-4 py-2">{EVIDENCE_KIND_LABELS[e.kind as keyof typeof EVIDENCE_KIND_LABELS] ?? e.kind}</td>
                  <td className="hidden px-4 py-2 md:table-cell">{e.evidenceDate ?? "—"}</td>
                  <td className="hidden px-4 py-2 md:table-cell">{CLASSIFICATION_LABELS[e.classification]}</td>
                  <td className="px-4 py-2">{e.validUntil ? <ExpiryFlag validUntil={e.validUntil} today={today} /> : <span className="text-xs text-muted">No end date</span>}</td>
                  <td className="hidden px-4 py-2 sm:table-cell">{count(e.links, "control")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {pageCount > 1 ? (
        <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center gap-3 text-sm">
          {page > 1 ? <Link href={pageHref(filter, page - 1)} className={buttonClass("secondary")} rel="prev">Previous page</Link> : null}
          <span>Page {page} of {pageCount}</span>
          {page < pageCount ? <Link href={pageHref(filter, page + 1)} className={buttonClass("secondary")} rel="next">Next page</Link> : null}
        </nav>
      ) : null}
    </>
  );
}
