import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { compareRevisions } from "@/lib/attestations/compare";
import { getAttestation, listRevisions } from "@/lib/attestations/queries";
import { revisionControls } from "@/lib/attestations/revisions";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { labelOf } from "@/lib/format";
import { STATE_LABELS } from "@/lib/review/transitions";

export const metadata: Metadata = { title: "Compare revisions" };
export const dynamic = "force-dynamic";

export default async function ComparePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ from?: string; to?: string }>;
}) {
  const actor = await requirePermission("vendor.workspace");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const a = await getAttestation(db, actor.organisationId, id);
  if (!a) notFound();
  const revisions = await listRevisions(db, actor.organisationId, a.lineageId);
  const byNumber = new Map(revisions.map((r) => [r.revision, r]));
  const to = byNumber.get(Number(sp.to)) ?? byNumber.get(a.revision)!;
  const from = byNumber.get(Number(sp.from)) ?? byNumber.get(to.revision - 1) ?? to;
  const [before, after] = await Promise.all([revisionControls(db, actor.organisationId, from.id), revisionControls(db, actor.organisationId, to.id)]);
  const changes = before && after && from.id !== to.id ? compareRevisions(before, after) : [];
  const select = "mt-1 block rounded-md border border-gray-400 bg-white px-3 py-2";
  return (
    <>
      <PageHeader
        title="Compare revisions"
        description={
          <Link href={`/vendor/attestations/${a.id}`} className="underline">
            Back to the attestation
          </Link>
        }
      />
      <form method="get" className="mb-6 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="from" className="block text-sm font-semibold">
            From revision
          </label>
          <select id="from" name="from" defaultValue={from.revision} className={select}>
            {revisions.map((r) => (
              <option key={r.id} value={r.revision}>
                {r.revision} ({labelOf(STATE_LABELS, r.status)})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-semibold">
            To revision
          </label>
          <select id="to" name="to" defaultValue={to.revision} className={select}>
            {revisions.map((r) => (
              <option key={r.id} value={r.revision}>
                {r.revision} ({labelOf(STATE_LABELS, r.status)})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          Compare
        </button>
      </form>
      {from.id === to.id ? (
        <EmptyState title="Choose two different revisions">
          This attestation has {revisions.length} {revisions.length === 1 ? "revision" : "revisions"}.
        </EmptyState>
      ) : changes.length === 0 ? (
        <EmptyState title={`No differences between revision ${from.revision} and revision ${to.revision}`} />
      ) : (
        <ul className="space-y-4">
          {changes.map((c) => (
            <li key={c.controlId} className="rounded-lg border border-gray-300 bg-white p-4">
              <h2 className="font-semibold">
                {c.controlId} {c.title} <span className="text-sm font-normal text-muted">({c.change})</span>
              </h2>
              {c.fields.length ? (
                <table className="mt-2 w-full text-left text-sm">
                  <thead>
                    <tr>
                      <th scope="col">Field</th>
                      <th scope="col">Revision {from.revision}</th>
                      <th scope="col">Revision {to.revision}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.fields.map((f) => (
                      <tr key={f.field} className="border-t border-gray-200 align-top">
                        <th scope="row" className="pr-2 font-normal">
                          {f.field}
                        </th>
                        <td className="pr-2 whitespace-pre-wrap">{f.before}</td>
                        <td className="whitespace-pre-wrap">{f.after}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
