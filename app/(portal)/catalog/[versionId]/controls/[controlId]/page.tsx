import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { can } from "@/lib/auth/permissions";
import { requirePermission } from "@/lib/auth/session";
import { getControl, getVersionSummary } from "@/lib/catalog/queries";
import { isUuid } from "@/lib/ids";
import { CHANNEL_LABELS, EVIDENCE_KIND_LABELS, MAPPING_SCHEME_LABELS } from "@/lib/validations/catalog";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { MustBadge, StatusBadge } from "@/components/catalog/badges";
import { RubricTable } from "@/components/catalog/rubric-table";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Control" };

export default async function ControlPage({ params }: { params: Promise<{ versionId: string; controlId: string }> }) {
  const actor = await requirePermission("catalog.read");
  const manage = can(actor.role, "catalog.manage");
  const { versionId, controlId: rawId } = await params;
  const controlId = decodeURIComponent(rawId);
  const db = await getDb();
  const version = isUuid(versionId) ? await getVersionSummary(db, versionId, { includeDrafts: manage }) : null;
  const control = version ? await getControl(db, versionId, controlId) : null;
  if (!version || !control) notFound();

  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-2 flex flex-wrap gap-1 text-sm">
        <Link href="/catalog" className="underline">
          Catalog
        </Link>{" "}
        /
        <Link href={`/catalog/${version.id}`} className="underline">
          {version.title} {version.version}
        </Link>{" "}
        /
        <Link href={`/catalog/${version.id}?domain=${control.domainKey}`} className="underline">
          {control.domainKey} · {control.domainTitle}
        </Link>
      </nav>
      <PageHeader
        title={`${control.id}: ${control.title}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={version.status} />
            {control.must ? <MustBadge /> : null}
          </span>
        }
        actions={
          manage && version.status === "draft" ? (
            <Link href={`/admin/catalog/${version.id}/controls/${encodeURIComponent(control.id)}`} className={buttonClass()}>
              Edit control
            </Link>
          ) : null
        }
      />
      <div className="space-y-4">
        <Card>
          <h2 className="mb-2 text-lg font-bold">Requirement</h2>
          <p className="whitespace-pre-line">{control.statement}</p>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-bold">Facts</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">Applies to</dt>
            <dd>
              {control.applicability.channels.map((c) => CHANNEL_LABELS[c]).join(" and ")}
              {control.applicability.kernelOnly ? ", only for products with kernel-mode components" : ", all products"}
            </dd>
            <dt className="font-semibold">Weight</dt>
            <dd>{control.weight} of 5</dd>
            <dt className="font-semibold">Must control</dt>
            <dd>{control.must ? "Yes: a score of 0 caps the review decision" : "No"}</dd>
            <dt className="font-semibold">Evidence expected</dt>
            <dd>{control.evidenceKinds.map((e) => EVIDENCE_KIND_LABELS[e]).join(", ")}</dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-bold">Guidance for vendors</h2>
          <p className="whitespace-pre-line">{control.vendorGuidance || "None given."}</p>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-bold">Guidance for reviewers</h2>
          <p className="whitespace-pre-line">{control.reviewerGuidance || "None given."}</p>
        </Card>
        <section aria-labelledby="rubric-heading">
          <h2 id="rubric-heading" className="mb-2 text-lg font-bold">
            Rubric
          </h2>
          <RubricTable rubric={control.rubric} caption={`Rubric of ${control.id}, levels 0 to 4`} />
        </section>
        <section aria-labelledby="mappings-heading">
          <h2 id="mappings-heading" className="mb-2 text-lg font-bold">
            Mappings
          </h2>
          {control.mappings.length === 0 ? (
            <p className="text-sm text-muted">No external references.</p>
          ) : (
            <ScrollRegion label={`External references of ${control.id}`} className="rounded-lg border border-gray-300 bg-white">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">External references of {control.id}</caption>
                <thead className="bg-gray-100">
                  <tr>
                    <th scope="col" className="px-4 py-2">
                      Scheme
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Reference
                    </th>
                    <th scope="col" className="px-4 py-2">
                      Note
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {control.mappings.map((m, i) => (
                    <tr key={i} className="border-t border-gray-200">
                      <td className="px-4 py-2">{MAPPING_SCHEME_LABELS[m.scheme]}</td>
                      <td className="px-4 py-2 font-mono">{m.ref}</td>
                      <td className="px-4 py-2">{m.note ?? ""}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      </div>
    </>
  );
}
