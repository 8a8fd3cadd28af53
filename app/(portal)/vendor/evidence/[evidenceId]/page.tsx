import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { getEvidence, listEvidenceUses } from "@/lib/evidence/vault";
import { CLASSIFICATION_LABELS } from "@/lib/validations/vendor";
import { Card, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFlag } from "@/components/vendor/badges";

export const metadata: Metadata = { title: "Evidence" };
export const dynamic = "force-dynamic";

export default async function EvidenceItemPage({ params }: { params: Promise<{ evidenceId: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { evidenceId } = await params;
  const db = await getDb();
  const e = await getEvidence(db, actor.organisationId, evidenceId);
  if (!e) notFound();
  const uses = await listEvidenceUses(db, actor.organisationId, e.id);
  return (
    <>
      <PageHeader title={e.title} actions={e.sha256 ? <a href={`/api/evidence/${e.id}/download`} className={buttonClass()}>Download</a> : e.url ? <a href={e.url} rel="noopener noreferrer" target="_blank" className={buttonClass()}>Open link</a> : null} />
      <Card className="mb-6">
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-semibold">Kind</dt><dd>{e.kind}</dd>
          {e.description ? (<><dt className="font-semibold">Description</dt><dd>{e.description}</dd></>) : null}
          <dt className="font-semibold">Describes</dt><dd>{e.evidenceDate ?? "—"}</dd>
          <dt className="font-semibold">Validity</dt><dd><ExpiryFlag validUntil={e.validUntil} today={todayIso()} />{e.validUntil ? null : "No end date"}</dd>
          <dt className="font-semibold">Visibility</dt><dd>{CLASSIFICATION_LABELS[e.classification]}</dd>
          {e.fileName ? (<><dt className="font-semibold">File</dt><dd className="break-all">{e.fileName}, {e.size} bytes, {e.mime}</dd><dt className="font-semibold">SHA-256</dt><dd><code className="break-all">{e.sha256}</code></dd></>) : null}
          {e.url ? (<><dt className="font-semibold">Address</dt><dd className="break-all">{e.url}</dd></>) : null}
          <dt className="font-semibold">Added</dt><dd>{e.createdAt.toISOString().slice(0, 10)}</dd>
        </dl>
      </Card>
      <h2 className="mb-2 text-lg font-semibold">Linked to</h2>
      {uses.length === 0 ? <p>Not linked to any control yet.</p> : (
        <ul className="list-disc pl-5">{uses.map((u, i) => <li key={i}><Link href={`/vendor/attestations/${u.attestationId}`} className="underline">{u.productName}, revision {u.revision} ({u.status})</Link></li>)}</ul>
      )}
    </>
  );
}
