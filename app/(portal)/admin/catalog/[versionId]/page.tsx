import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getVersionSummary, loadVersionDocument } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { MustBadge, StatusBadge } from "@/components/catalog/badges";
import { VersionActions } from "../version-actions";
import { DomainForm } from "./domain-form";
import { MetaForm } from "./meta-form";
import { ReorderList } from "./reorder-list";

export const metadata: Metadata = { title: "Edit catalog version" };

export default async function EditVersionPage({ params }: { params: Promise<{ versionId: string }> }) {
  await requirePermission("catalog.manage");
  const { versionId } = await params;
  const db = await getDb();
  const summary = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: true }) : null;
  const doc = summary ? await loadVersionDocument(db, versionId) : null;
  if (!summary || !doc) notFound();
  const label = `${doc.title} ${doc.version}`;
  const draft = doc.status === "draft";
  const base = `/admin/catalog/${versionId}`;

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/admin/catalog" className="underline">
          Catalog editor
        </Link>
      </nav>
      <PageHeader
        title={draft ? `Edit ${label}` : label}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={doc.status} /> {doc.slug} · {summary.domainCount} domains · {summary.controlCount} controls
          </span>
        }
        actions={
          <Link href={`/catalog/${versionId}`} className={buttonClass("secondary")}>
            View in catalog
          </Link>
        }
      />
      <div className="mb-6">
        <VersionActions versionId={versionId} status={doc.status} label={label} />
      </div>
      {!draft ? (
        <Card>
          <p>This version is {doc.status} and cannot be changed. To revise it, make a new draft from it with the button above.</p>
        </Card>
      ) : (
        <div className="space-y-6">
          <Card>
            <h2 className="mb-4 text-lg font-bold">Version details</h2>
            <MetaForm
              versionId={versionId}
              initial={{
                title: doc.title,
                description: doc.description,
                publisher: doc.publisher,
                version: doc.version,
                thresholds: doc.thresholds,
                answerRequirements: doc.answerRequirements,
              }}
            />
          </Card>
          <Card>
            <h2 className="mb-2 text-lg font-bold">Domain order</h2>
            <p className="mb-3 text-sm text-muted">Use Move up and Move down, or drag a row. Each change is saved at once.</p>
            <ReorderList versionId={versionId} name="Domains" items={doc.domains.map((d) => ({ id: d.key, label: `${d.key} · ${d.title}` }))} />
          </Card>
          {doc.domains.map((d) => (
            <Card key={d.key}>
              <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
                <h2 className="text-lg font-bold">
                  {d.key} · {d.title}
                </h2>
                <div className="flex flex-wrap gap-2">
                  <Link href={`${base}/domains/${d.key}`} className={buttonClass("secondary")} aria-label={`Edit domain ${d.key}`}>
                    Edit domain
                  </Link>
                  <Link href={`${base}/controls/new?domain=${d.key}`} className={buttonClass("secondary")} aria-label={`Add a control to ${d.key}`}>
                    Add control
                  </Link>
                </div>
              </div>
              {d.controls.length === 0 ? (
                <p className="text-sm text-muted">No controls yet.</p>
              ) : (
                <ReorderList
                  versionId={versionId}
                  domainKey={d.key}
                  name={`Controls of ${d.key}`}
                  items={d.controls.map((c) => {
                    const missing = c.rubric.filter((r) => r.trim() === "").length;
                    return {
                      id: c.id,
                      label: `${c.id}: ${c.title}`,
                      extra: (
                        <>
                          {c.must ? <MustBadge /> : null}
                          {missing ? (
                            <span className="text-xs font-semibold text-amber-800">
                              {missing} rubric level{missing > 1 ? "s" : ""} missing
                            </span>
                          ) : null}
                          <Link href={`${base}/controls/${encodeURIComponent(c.id)}`} className="text-sm text-brand-700 underline" aria-label={`Edit ${c.id}`}>
                            Edit
                          </Link>
                        </>
                      ),
                    };
                  })}
                />
              )}
            </Card>
          ))}
          <Card>
            <h2 className="mb-4 text-lg font-bold">Add a domain</h2>
            <DomainForm versionId={versionId} />
          </Card>
        </div>
      )}
    </>
  );
}
