import type { Metadata } from "next";
import { ObjectHistory } from "@/components/audit/object-history";
import { loadObjectHistory } from "@/lib/transparency/history";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { deletionBlocker, kindsFor } from "@/lib/evidence/lifecycle";
import { getEvidence, listEvidenceLinks, listEvidenceSubmissions, listVersions } from "@/lib/evidence/queries";
import { formatBytes } from "@/lib/format";
import { CLASSIFICATION_LABELS, EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFlag } from "@/components/vendor/badges";
import { formatDateTime } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import { EvidenceEditForm } from "@/components/evidence/evidence-edit-form";
import { RetiredBadge } from "@/components/evidence/retired-badge";
import { ItemActions } from "./item-actions";
import { VersionUploader } from "./version-uploader";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Evidence" };
export const dynamic = "force-dynamic";

export default async function EvidenceItemPage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { evidenceId } = await params;
  const db = await getDb();
  const e = await getEvidence(db, actor.organisationId, evidenceId);
  if (!e) notFound();
  const zone = await readerTimeZone();
  const when = (d: Date) => formatDateTime(d, zone);
  const [versions, links, submissions, blocker, history] = await Promise.all([
    listVersions(db, actor.organisationId, e.id),
    listEvidenceLinks(db, actor.organisationId, e.id),
    listEvidenceSubmissions(db, actor.organisationId, e.id),
    deletionBlocker(db, actor.organisationId, e.id),
    loadObjectHistory(db, actor, "evidence", e.id),
  ]);
  const retired = e.status === "retired";
  const kindLabel = EVIDENCE_KIND_LABELS[e.kind as keyof typeof EVIDENCE_KIND_LABELS] ?? e.kind;
  return (
    <>
      <PageHeader
        title={e.title}
        description={
          <>
            {kindLabel}
            {retired ? (
              <>
                {" "}
                · <RetiredBadge /> since {when(e.retiredAt!)}
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {e.sha256 ? (
              <a href={`/api/evidence/${e.id}/download`} className={buttonClass()}>
                Download
              </a>
            ) : null}
            {e.url ? (
              <a href={e.url} rel="noopener noreferrer" target="_blank" className={buttonClass()}>
                Open link
              </a>
            ) : null}
            {e.rolloutRecordId ? (
              <Link href={`/vendor/rollouts/${e.rolloutRecordId}`} className={buttonClass()}>
                Open the rollout record
              </Link>
            ) : null}
            <Link href="/vendor/evidence" className={buttonClass("secondary")}>
              Back to the vault
            </Link>
          </>
        }
      />
      {retired ? (
        <p className="mb-4 rounded-md border-l-4 border-gray-600 bg-gray-50 p-3 text-sm">
          This item is retired: it stays where it was linked and in signed submissions, but it is no longer offered when you link evidence.
        </p>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">About this item</h2>
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
            <dt className="font-semibold">Validity</dt>
            <dd>{e.validUntil ? <ExpiryFlag validUntil={e.validUntil} today={todayIso()} /> : "No end date"}</dd>
            <dt className="font-semibold">Visibility</dt>
            <dd>{CLASSIFICATION_LABELS[e.classification]}</dd>
            {e.fileName ? (
              <>
                <dt className="font-semibold">Current file</dt>
                <dd className="break-all">
                  {e.fileName} (version {e.currentVersion}), {formatBytes(e.size)}, {e.mime}
                </dd>
                <dt className="font-semibold">SHA-256</dt>
                <dd>
                  <code className="break-all" data-testid="current-sha256">
                    {e.sha256}
                  </code>
                </dd>
              </>
            ) : null}
            {e.url ? (
              <>
                <dt className="font-semibold">Address</dt>
                <dd className="break-all">{e.url}</dd>
              </>
            ) : null}
            <dt className="font-semibold">Added</dt>
            <dd>{when(e.createdAt)}</dd>
            <dt className="font-semibold">Last changed</dt>
            <dd>{when(e.updatedAt)}</dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Edit details</h2>
          <EvidenceEditForm
            item={e}
            kinds={kindsFor({ blobSha256: e.sha256, url: e.url, rolloutRecordId: e.rolloutRecordId })}
            idPrefix="edit-"
            label={`Details of ${e.title}`}
          />
        </Card>
      </div>

      {e.sha256 ? (
        <section aria-labelledby="versions-h" className="mt-6">
          <h2 id="versions-h" className="mb-2 text-lg font-semibold">
            Versions
          </h2>
          <p className="mb-3 text-sm text-muted">
            Replacing the file keeps every earlier version. Links move to the new version; a signed submission keeps the version it signed.
          </p>
          <ScrollRegion label="Versions of this file" className="rounded-lg border border-gray-300 bg-white">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Versions of this file</caption>
              <thead className="bg-gray-100">
                <tr>
                  <th scope="col" className="px-4 py-2">
                    Version
                  </th>
                  <th scope="col" className="px-4 py-2">
                    File
                  </th>
                  <th scope="col" className="hidden px-4 py-2 md:table-cell">
                    SHA-256
                  </th>
                  <th scope="col" className="px-4 py-2">
                    Added
                  </th>
                  <th scope="col" className="px-4 py-2">
                    <span className="sr-only">Download</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {versions.map((v) => (
                  <tr key={v.version} className="border-t border-gray-200 align-top">
                    <td className="px-4 py-2">
                      {v.version}
                      {v.version === e.currentVersion ? " (current)" : ""}
                    </td>
                    <td className="px-4 py-2 break-all">
                      {v.fileName}
                      <div className="text-xs text-muted">{formatBytes(v.size)}</div>
                    </td>
                    <td className="hidden px-4 py-2 md:table-cell">
                      <code className="text-xs break-all">{v.sha256}</code>
                    </td>
                    <td className="px-4 py-2">
                      {when(v.createdAt)}
                      {v.createdByName ? <div className="text-xs text-muted">by {v.createdByName}</div> : null}
                    </td>
                    <td className="px-4 py-2">
                      <a href={`/api/evidence/${e.id}/download?version=${v.version}`} className="underline" aria-label={`Download version ${v.version}`}>
                        Download
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          {retired ? null : <VersionUploader evidenceId={e.id} title={e.title} />}
        </section>
      ) : null}

      <section aria-labelledby="links-h" className="mt-6">
        <h2 id="links-h" className="mb-2 text-lg font-semibold">
          Linked to
        </h2>
        {links.length === 0 ? (
          <p className="text-sm">Not linked to any control.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {links.map((l) => (
              <li key={`${l.attestationId}-${l.controlId}`}>
                <Link href={`/vendor/attestations/${l.attestationId}#control-${l.controlId}`} className="underline">
                  {l.productName}, revision {l.revision}
                </Link>
                : {l.controlId} {l.controlTitle} ({l.status.replace("_", " ")})
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="subs-h" className="mt-6">
        <h2 id="subs-h" className="mb-2 text-lg font-semibold">
          In signed submissions
        </h2>
        {submissions.length === 0 ? (
          <p className="text-sm">No signed submission includes this item.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm">
            {submissions.map((s) => (
              <li key={s.attestationId}>
                <Link href={`/vendor/attestations/${s.attestationId}/verify`} className="underline">
                  {s.productName}, revision {s.revision}
                </Link>
                , signed {when(s.signedAt)}
                {s.signedSha256 ? (
                  <>
                    {" "}
                    with {s.signedVersion ? `version ${s.signedVersion}` : "the file"} (
                    <code className="text-xs break-all">{s.signedSha256.slice(0, 16)}…</code>)
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
      <ItemActions evidenceId={e.id} title={e.title} retired={retired} deleteBlocker={blocker} />
      <ObjectHistory history={history} />
    </>
  );
}
