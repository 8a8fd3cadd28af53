import type { Metadata } from "next";
import { formatDate, formatDateTime, formatPeriod } from "@/lib/format";
import { readerTimeZone } from "@/lib/format/reader-zone";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { isUuid } from "@/lib/ids";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { getAdministratorView, listPanelCandidates } from "@/lib/review/panels";
import { todayIso } from "@/lib/attestations/completeness";
import { Card, PageHeader } from "@/components/ui/page-header";
import { AttestationStatusBadge } from "@/components/vendor/badges";
import { AssignPanelForm, ChangePanelForm } from "./panel-forms";

export const metadata: Metadata = { title: "Review panel" };

const CONFLICT: Record<string, string> = { pending: "Not yet declared", none: "No conflict declared", declared: "Declared a conflict: removed" };

export default async function AdminReviewPage({ params }: { params: Promise<{ attestationId: string }> }) {
  await requirePermission("admin.reviews");
  const { attestationId } = await params;
  if (!isUuid(attestationId)) notFound();
  const db = await getDb();
  const view = await getAdministratorView(db, attestationId);
  if (!view) notFound();
  const { header: h, members } = view;
  const [candidates, zone] = await Promise.all([listPanelCandidates(db), readerTimeZone()]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/admin/reviews" className="text-brand-700 underline">
          Review panels
        </Link>
      </p>
      <PageHeader
        title={`${h.organisationName}: ${h.productName}`}
        description={
          <>
            {h.frameworkTitle} {h.frameworkVersion}, revision {h.revision}, period {formatPeriod(h.periodStart, h.periodEnd)}. Signed{" "}
            {formatDateTime(h.signedAt, zone)}. <AttestationStatusBadge status={h.status} />
          </>
        }
      />
      {h.status === "submitted" ? (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Assign a panel</h2>
          <AssignPanelForm
            attestationId={h.id}
            candidates={candidates.map((c) => ({ id: c.id, name: c.name, role: c.role as Role, organisationName: c.organisationName }))}
            today={todayIso()}
          />
        </Card>
      ) : (
        <Card>
          <h2 className="mb-3 text-lg font-semibold">Panel{h.dueDate ? `, due ${formatDate(h.dueDate)}` : ""}</h2>
          {members.length === 0 ? (
            <p>This submission has no panel.</p>
          ) : (
            <ul className="mb-4 divide-y divide-gray-200">
              {members.map((m) => (
                <li key={m.userId} className="py-2">
                  <span className="font-semibold">{m.name}</span> · {ROLE_LABELS[m.role as Role]}
                  {m.isLead ? <span className="ml-2 rounded border border-brand-700 px-1 text-xs font-semibold">Lead</span> : null}
                  <span className="block text-sm text-muted">
                    {CONFLICT[m.conflict]}
                    {m.conflict === "declared" && m.conflictNote ? `: “${m.conflictNote}”` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {h.status === "in_review" ? (
            <ChangePanelForm
              attestationId={h.id}
              candidates={candidates
                .filter((c) => !members.some((m) => m.userId === c.id))
                .map((c) => ({ id: c.id, name: c.name, role: c.role as Role, organisationName: c.organisationName }))}
              members={members.filter((m) => !m.removedAt).map((m) => ({ id: m.userId, name: m.name, isLead: m.isLead }))}
            />
          ) : null}
          {h.status === "decided" ? <span className="text-sm text-muted">The panel&apos;s lead publishes the report.</span> : null}
        </Card>
      )}
    </>
  );
}
