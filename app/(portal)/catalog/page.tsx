import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { listFrameworkVersions } from "@/lib/catalog/queries";
import { PageHeader, EmptyState } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge, formatDate } from "@/components/catalog/badges";
import { CatalogGuide } from "./catalog-guide";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Catalog" };

export default async function CatalogPage() {
  const actor = await requirePermission("catalog.read");
  const manage = can(actor.role, "catalog.manage");
  const versions = await listFrameworkVersions(await getDb(), { includeDrafts: manage });
  return (
    <>
      <PageHeader
        title="Principles catalog"
        description="The frameworks that attestations and reviews are measured against. A published version never changes; a new version replaces it."
        actions={
          <>
            <Link href="/catalog/compare" className={buttonClass("secondary")}>
              Compare versions
            </Link>
            {manage ? (
              <Link href="/admin/catalog" className={buttonClass()}>
                Open catalog editor
              </Link>
            ) : null}
          </>
        }
      />
      {versions.length === 0 ? (
        <EmptyState title="No catalog versions yet" />
      ) : (
        <ScrollRegion label="Framework versions" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Framework versions</caption>
            <thead className="bg-gray-100">
              <tr>
                <th scope="col" className="min-w-[15rem] px-4 py-2">
                  Framework
                </th>
                <th scope="col" className="px-4 py-2">
                  Version
                </th>
                <th scope="col" className="px-4 py-2">
                  Status
                </th>
                <th scope="col" className="px-4 py-2">
                  Published
                </th>
                <th scope="col" className="px-4 py-2">
                  Domains
                </th>
                <th scope="col" className="px-4 py-2">
                  Controls
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id} className="border-t border-gray-200">
                  <td className="px-4 py-2">
                    <Link href={`/catalog/${v.id}`} className="text-brand-700 underline">
                      {v.title} {v.version}
                    </Link>
                    <div className="text-xs text-muted">{v.publisher}</div>
                  </td>
                  <td className="px-4 py-2">{v.version}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={v.status} />
                  </td>
                  <td className="px-4 py-2">{formatDate(v.publishedAt)}</td>
                  <td className="px-4 py-2">{v.domainCount}</td>
                  <td className="px-4 py-2">{v.controlCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <CatalogGuide role={actor.role} />
    </>
  );
}
