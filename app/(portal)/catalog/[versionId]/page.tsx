import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getAnswerRequirements, getVersionSummary, listControls, listDomains, type ControlFilters } from "@/lib/catalog/queries";
import { EVIDENCE_KINDS, UPDATE_CHANNELS } from "@/lib/catalog/schema";
import { isUuid } from "@/lib/ids";
import { CHANNEL_LABELS, EVIDENCE_KIND_LABELS } from "@/lib/validations/catalog";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { MustBadge, StatusBadge } from "@/components/catalog/badges";
import { AnswerRequirementsTable } from "@/components/catalog/answer-requirements-table";
import { ControlFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "Catalog version" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined;

/** Query parameters → filters; unknown values are ignored rather than erroring. */
function readFilters(sp: Search): ControlFilters {
  const channel = one(sp.channel);
  const evidence = one(sp.evidence);
  return {
    domain: one(sp.domain),
    channel: UPDATE_CHANNELS.find((c) => c === channel),
    mustOnly: one(sp.must) === "1",
    evidence: EVIDENCE_KINDS.find((e) => e === evidence),
    q: one(sp.q)?.slice(0, 200),
  };
}

export default async function CatalogVersionPage({ params, searchParams }: { params: Promise<{ versionId: string }>; searchParams: Promise<Search> }) {
  const actor = await requirePermission("catalog.read");
  const manage = can(actor.role, "catalog.manage");
  const { versionId } = await params;
  const db = await getDb();
  const version = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: manage }) : null;
  if (!version) notFound();
  const filters = readFilters(await searchParams);
  const [domains, controls, requirements] = await Promise.all([
    listDomains(db, versionId),
    listControls(db, versionId, filters),
    getAnswerRequirements(db, versionId),
  ]);
  const filtered = Boolean(filters.domain || filters.channel || filters.mustOnly || filters.evidence || filters.q);
  const byDomain = domains.map((d) => ({ ...d, controls: controls.filter((c) => c.domainKey === d.key) })).filter((d) => d.controls.length > 0);

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 text-sm">
        <Link href="/catalog" className="underline">
          Catalog
        </Link>
      </nav>
      <PageHeader
        title={`${version.title} ${version.version}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={version.status} /> {version.publisher} · {version.domainCount} domains · {version.controlCount} controls
          </span>
        }
        actions={
          <>
            <a href={`/api/catalog/versions/${version.id}/export?format=json`} className={buttonClass("secondary")}>
              Download JSON
            </a>
            <a href={`/api/catalog/versions/${version.id}/export?format=oscal`} className={buttonClass("secondary")}>
              Download OSCAL
            </a>
            {manage ? (
              <Link href={`/admin/catalog/${version.id}`} className={buttonClass()}>
                Open in editor
              </Link>
            ) : null}
          </>
        }
      />
      {requirements ? (
        <section aria-labelledby="requirements-h" className="mb-6 max-w-3xl">
          <h2 id="requirements-h" className="text-lg font-bold">
            What each status requires
          </h2>
          <p className="mb-2 text-sm text-muted">
            An attestation against this version can be signed and submitted only when every answer holds what its status requires.
          </p>
          <AnswerRequirementsTable requirements={requirements} />
        </section>
      ) : null}
      <ControlFilterForm
        action={`/catalog/${version.id}`}
        values={{
          domain: filters.domain ?? "",
          channel: filters.channel ?? "",
          must: Boolean(filters.mustOnly),
          evidence: filters.evidence ?? "",
          q: filters.q ?? "",
        }}
        domains={domains.map((d) => ({ value: d.key, label: `${d.key} — ${d.title}` }))}
        channels={UPDATE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))}
        evidence={EVIDENCE_KINDS.map((e) => ({ value: e, label: EVIDENCE_KIND_LABELS[e] }))}
      />
      <p role="status" className="mb-4 text-sm font-medium">
        {filtered ? `${controls.length} of ${version.controlCount} controls match.` : `${version.controlCount} controls in ${version.domainCount} domains.`}
      </p>
      {byDomain.length === 0 ? (
        <EmptyState title="No controls match these filters">
          <Link href={`/catalog/${version.id}`} className="underline">
            Clear the filters
          </Link>{" "}
          to see every control.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          {byDomain.map((d) => (
            <section key={d.key} aria-labelledby={`domain-${d.key}`}>
              <h2 id={`domain-${d.key}`} className="text-lg font-bold">
                {d.key} · {d.title} <span className="text-sm font-normal text-muted">({d.controls.length})</span>
              </h2>
              {d.description && !filtered ? <p className="mb-2 max-w-prose text-sm text-muted">{d.description}</p> : null}
              <ul className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white">
                {d.controls.map((c) => (
                  <li key={c.controlId} className="p-3">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/catalog/${version.id}/controls/${encodeURIComponent(c.controlId)}`} className="font-semibold text-brand-700 underline">
                        {c.controlId}: {c.title}
                      </Link>
                      {c.must ? <MustBadge /> : null}
                    </div>
                    <p className="mt-1 line-clamp-3 text-sm">{c.statement}</p>
                    <p className="mt-1 text-xs text-muted">
                      {c.channels.map((ch) => CHANNEL_LABELS[ch]).join(" · ")}
                      {c.kernelOnly ? " · kernel-mode products only" : ""} · weight {c.weight} · evidence:{" "}
                      {c.evidenceKinds.map((e) => EVIDENCE_KIND_LABELS[e]).join(", ")}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
