import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listFrameworkVersions } from "@/lib/catalog/queries";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { StatusBadge, formatDate } from "@/components/catalog/badges";
import { VersionActions } from "./version-actions";

export const metadata: Metadata = { title: "Catalog editor" };

export default async function CatalogEditorPage() {
  await requirePermission("catalog.manage");
  const versions = await listFrameworkVersions(await getDb(), { includeDrafts: true });
  return (
    <>
      <PageHeader
        title="Catalog editor"
        description="Make a draft from a published version, edit it, then publish it. Published versions are frozen, in the database as well as here; retire them when they are replaced."
        actions={
          <Link href="/admin/catalog/import" className={buttonClass()}>
            Import a framework
          </Link>
        }
      />
      {versions.length === 0 ? (
        <EmptyState title="No catalog versions yet">Import a framework to begin.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {versions.map((v) => {
            const label = `${v.title} ${v.version}`;
            return (
              <li key={v.id} className="rounded-lg border border-gray-300 bg-white p-4">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/admin/catalog/${v.id}`} className="font-semibold text-brand-700 underline">
                    {label}
                  </Link>
                  <StatusBadge status={v.status} />
                  <span className="text-sm text-muted">
                    {v.slug} · {v.domainCount} domains · {v.controlCount} controls · published {formatDate(v.publishedAt)}
                    {v.retiredAt ? ` · retired ${formatDate(v.retiredAt)}` : ""}
                  </span>
                </div>
                <div className="mt-3 flex flex-wrap items-start gap-2">
                  <VersionActions versionId={v.id} status={v.status} label={label} />
                  <a href={`/api/catalog/versions/${v.id}/export?format=json`} className={buttonClass("secondary")} aria-label={`Export ${label} as JSON`}>
                    Export JSON
                  </a>
                  <a href={`/api/catalog/versions/${v.id}/export?format=oscal`} className={buttonClass("secondary")} aria-label={`Export ${label} as OSCAL`}>
                    Export OSCAL
                  </a>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
