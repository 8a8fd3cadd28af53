import Link from "next/link";
import { DateTime } from "@/components/notifications/date-time";
import type { EventRow } from "@/lib/transparency/queries";
import { actionLabel } from "@/lib/transparency/action-labels";

const ROLE_LABEL: Record<string, string> = {
  vendor_officer: "vendor officer",
  vendor_contributor: "vendor contributor",
  platform_reviewer: "platform reviewer",
  gov_auditor: "government auditor",
  gov_observer: "government observer",
  admin: "administrator",
};

/** Who acted, as people read it: name (from the people table), role and organisation, or the system. */
export function actorLabel(e: Pick<EventRow, "actorUserId" | "actorName" | "actorRole" | "organisationName">): string {
  if (!e.actorUserId) return e.organisationName ? `${e.organisationName} (API token or system)` : "The portal (system)";
  const who = e.actorName ?? `person ${e.actorUserId.slice(0, 8)}`;
  const role = e.actorRole ? (ROLE_LABEL[e.actorRole] ?? e.actorRole) : null;
  return [who, role, e.organisationName].filter(Boolean).join(", ");
}

/**
 * Log events as a list. `full` adds the client address, ids and the detail
 * (the audit log page); object histories show who did what, when.
 */
export function EventList({ events, full, linkObjects }: { events: EventRow[]; full: boolean; linkObjects?: boolean }) {
  return (
    <ol className="space-y-2" aria-label="Events">
      {events.map((e) => (
        <li key={e.seq} className="rounded-lg border border-gray-300 bg-white p-3 text-sm">
          <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
            <p className="font-semibold break-words">
              {actionLabel(e.action)}
              {full ? <code className="ml-2 text-xs font-normal break-all text-muted">{e.action}</code> : null}
            </p>
            <p className="text-muted">
              #{e.seq} · <DateTime value={e.at} />
            </p>
          </div>
          <p className="mt-1 break-words">{actorLabel(e)}</p>
          {full ? (
            <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="text-muted">Object</dt>
              <dd className="break-all">
                {linkObjects && e.targetId ? (
                  <Link className="underline" href={`/audit?objectType=${encodeURIComponent(e.targetType)}&objectId=${encodeURIComponent(e.targetId)}`}>
                    {e.targetType} {e.targetId}
                  </Link>
                ) : (
                  `${e.targetType}${e.targetId ? ` ${e.targetId}` : ""}`
                )}
              </dd>
              <dt className="text-muted">Client</dt>
              <dd className="break-all">{e.clientAddress ?? "—"}</dd>
              {e.actorUserId ? (
                <>
                  <dt className="text-muted">Person id</dt>
                  <dd className="break-all">
                    <Link className="underline" href={`/audit?actor=${e.actorUserId}`}>
                      {e.actorUserId}
                    </Link>
                  </dd>
                </>
              ) : null}
              {Object.keys(e.details).length ? (
                <>
                  <dt className="text-muted">Detail</dt>
                  <dd>
                    <pre className="overflow-x-auto rounded bg-gray-50 p-2 text-xs break-all whitespace-pre-wrap">{JSON.stringify(e.details, null, 1)}</pre>
                  </dd>
                </>
              ) : null}
              <dt className="text-muted">Leaf hash</dt>
              <dd className="font-mono text-xs break-all">{e.leafHash}</dd>
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
