import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { todayIso } from "@/lib/attestations/completeness";
import { listEvidence } from "@/lib/evidence/vault";
import { CLASSIFICATION_LABELS } from "@/lib/validations/vendor";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { ExpiryFlag } from "@/components/vendor/badges";

export const metadata: Metadata = { title: "Evidence vault" };
export const dynamic = "force-dynamic";

export default async function EvidencePage() {
  const actor = await requirePermission("vendor.workspace");
  const rows = await listEvidence(await getDb(), actor.organisationId);
  const today = todayIso();
  return (
    <>
      <PageHeader title="Evidence vault" description="Files and links that support your answers. One item can support many controls and attestations." actions={<Link href="/vendor/evidence/new" className={buttonClass()}>Add evidence</Link>} />
      {rows.length === 0 ? (
        <EmptyState title="The vault is empty" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Evidence</caption>
            <thead className="bg-gray-100">
              <tr><th scope="col" className="px-4 py-2">Title</th><th scope="col" className="px-4 py-2">Kind</th><th scope="col" className="px-4 py-2">Describes</th><th scope="col" className="px-4 py-2">Added</th><th scope="col" className="px-4 py-2">Visibility</th><th scope="col" className="px-4 py-2">Validity</th><th scope="col" className="px-4 py-2">Used by</th></tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.id} className="border-t border-gray-200">
                  <td className="px-4 py-2"><Link href={`/vendor/evidence/${e.id}`} className="text-brand-700 underline">{e.title}</Link><div className="text-xs text-muted">{e.fileName ?? e.url}</div></td>
                  <td className="px-4 py-2">{e.kind}</td>
                  <td className="px-4 py-2">{e.evidenceDate ?? "—"}</td>
                  <td className="px-4 py-2">{e.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="px-4 py-2">{CLASSIFICATION_LABELS[e.classification]}</td>
                  <td className="px-4 py-2"><ExpiryFlag validUntil={e.validUntil} today={today} /></td>
                  <td className="px-4 py-2">{e.links} {e.links === 1 ? "control" : "controls"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
