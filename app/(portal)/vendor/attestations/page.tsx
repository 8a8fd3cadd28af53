import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { listAttestations } from "@/lib/attestations/queries";
import { ATTESTATION_KIND_LABELS } from "@/lib/validations/vendor";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { WithdrawnLine } from "@/components/vendor/withdrawal";
import { ScrollRegion } from "@/components/ui/scroll-region";

export const metadata: Metadata = { title: "Attestations" };
export const dynamic = "force-dynamic";

export default async function AttestationsPage() {
  const actor = await requirePermission("vendor.workspace");
  const rows = await listAttestations(await getDb(), actor.organisationId);
  return (
    <>
      <PageHeader title="Attestations" description="Each attestation answers the principles for one product and reporting period." actions={<Link href="/vendor/attestations/new" className={buttonClass()}>Start an attestation</Link>} />
      {rows.length === 0 ? (
        <EmptyState title="No attestations yet" />
      ) : (
        <ScrollRegion label="Attestations" className="rounded-lg border border-gray-300 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Attestations</caption>
            <thead className="bg-gray-100">
              <tr><th scope="col" className="px-4 py-2">Product and catalog</th><th scope="col" className="px-4 py-2">Period</th><th scope="col" className="px-4 py-2">Kind</th><th scope="col" className="px-4 py-2">Revision</th><th scope="col" className="px-4 py-2">Status</th></tr>
            </thead>
            <tbody>
              {rows.map((a) => (
                <tr key={a.id} className="border-t border-gray-200">
                  <td className="px-4 py-2"><Link href={`/vendor/attestations/${a.id}`} className="text-brand-700 underline">{a.productName}: {a.frameworkTitle} {a.frameworkVersion}</Link></td>
                  <td className="px-4 py-2">{a.periodStart} to {a.periodEnd}</td>
                  <td className="px-4 py-2">{ATTESTATION_KIND_LABELS[a.kind]}</td>
                  <td className="px-4 py-2">{a.revision}</td>
                  <td className="px-4 py-2"><AttestationStatusBadge status={a.status} /><WithdrawnLine at={a.withdrawnAt} byName={a.withdrawnByName} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
