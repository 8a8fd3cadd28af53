import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getAttestation } from "@/lib/attestations/queries";
import { verifySubmission } from "@/lib/attestations/verify";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { formatUtc } from "@/lib/format";

export const metadata: Metadata = { title: "Verify submission" };
export const dynamic = "force-dynamic";

export default async function VerifyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission("vendor.workspace");
  const { id } = await params;
  const db = await getDb();
  const a = await getAttestation(db, actor.organisationId, id);
  if (!a) notFound();
  const v = await verifySubmission(db, actor.organisationId, a.id);
  const back = (
    <Link href={`/vendor/attestations/${a.id}`} className="underline">
      Back to the attestation
    </Link>
  );
  if (!v)
    return (
      <>
        <PageHeader title="Verify submission" description={back} />
        <EmptyState title="Not submitted yet">There is nothing to verify until the attestation is signed and submitted.</EmptyState>
      </>
    );
  return (
    <>
      <PageHeader title="Verify submission" description={back} />
      <p
        role="status"
        className={`mb-4 rounded-md border-l-4 p-3 font-semibold ${v.matches ? "border-green-700 bg-green-50 text-green-900" : "border-red-700 bg-red-50 text-red-800"}`}
      >
        {v.matches
          ? "The submission matches: the snapshot and every evidence file are exactly as signed."
          : "Mismatch: the submission no longer matches what was signed."}
      </p>
      {v.problems.length ? (
        <ul className="mb-4 list-disc pl-5">
          {v.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <dl className="mb-4 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-semibold">Digest recorded at signing</dt>
        <dd>
          <code className="break-all">{v.storedDigest}</code>
        </dd>
        <dt className="font-semibold">Digest recomputed now</dt>
        <dd>
          <code className="break-all">{v.recomputedDigest}</code>
        </dd>
        <dt className="font-semibold">Signed</dt>
        <dd>
          {v.signerName}, {formatUtc(v.signedAt)}
        </dd>
      </dl>
      <h2 className="mb-2 text-lg font-semibold">Evidence files</h2>
      {v.files.length === 0 ? (
        <p>No files are linked (links only).</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {v.files.map((f) => (
            <li key={f.sha256}>
              {f.fileName}: {f.state === "match" ? "matches" : f.state === "missing" ? "missing" : "does not match"}{" "}
              <code className="text-xs break-all">{f.sha256}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
