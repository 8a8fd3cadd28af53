import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { count } from "@/lib/format";
import { listOutbox, OUTBOX_PAGE_SIZE } from "@/lib/notifications/outbox";
import { OUTBOX_STATUS_LABELS, outboxFilterSchema, type OutboxFilter, type OutboxStatus } from "@/lib/validations/notifications";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { DateTime } from "@/components/notifications/date-time";
import { Pager } from "@/components/notifications/pager";
import { OutboxFilterForm } from "./filter-form";

export const metadata: Metadata = { title: "Email outbox" };
export const dynamic = "force-dynamic";

function pageHref(f: OutboxFilter, page: number): string {
  const q = new URLSearchParams();
  if (f.status) q.set("status", f.status);
  if (page > 1) q.set("page", String(page));
  const s = q.toString();
  return s ? `/admin/outbox?${s}` : "/admin/outbox";
}

const statusLabel = (s: string) => OUTBOX_STATUS_LABELS[s as OutboxStatus] ?? s;

export default async function OutboxPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requirePermission("admin.outbox");
  const raw = await searchParams;
  const filter = outboxFilterSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, total, page, pageCount } = await listOutbox(await getDb(), filter);
  const sending = getConfig().mail.smtpUrl !== null;
  const first = (page - 1) * OUTBOX_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader
        title="Email outbox"
        description={
          sending
            ? "Every email the portal has queued, newest first: sent, waiting, being retried after a failure, or failed after the last attempt."
            : "Email sending is not configured (SMTP_URL is not set), so no email leaves the portal: each message is held here, newest first, for you to read."
        }
      />
      <OutboxFilterForm status={filter.status ?? ""} />
      <p className="mb-2 text-sm" aria-live="polite">
        {total === 0 ? "" : `Showing ${first}–${first + rows.length - 1} of ${count(total, "message")}.`}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={filter.status ? "No messages with this status" : "The outbox is empty"}>
          {filter.status ? (
            <Link href="/admin/outbox" className="underline">
              Show every message
            </Link>
          ) : (
            "Emails appear here when a notification is sent to someone."
          )}
        </EmptyState>
      ) : (
        <ol className="space-y-3" aria-label="Messages">
          {rows.map((m) => (
            <li key={m.id} className="rounded-lg border border-gray-300 bg-white p-4">
              <h2 className="font-semibold break-words">{m.subject}</h2>
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
                <dt className="text-muted">To</dt>
                <dd className="break-all">{m.toAddress}</dd>
                <dt className="text-muted">Status</dt>
                <dd>{statusLabel(m.status)}</dd>
                <dt className="text-muted">Queued</dt>
                <dd>
                  <DateTime value={m.createdAt} />
                </dd>
                {m.sentAt ? (
                  <>
                    <dt className="text-muted">Sent</dt>
                    <dd>
                      <DateTime value={m.sentAt} />
                    </dd>
                  </>
                ) : null}
                <dt className="text-muted">Attempts</dt>
                <dd>{m.attempts}</dd>
                {m.status === "pending" && m.attempts > 0 ? (
                  <>
                    <dt className="text-muted">Next attempt</dt>
                    <dd>
                      <DateTime value={m.nextAttemptAt} />
                    </dd>
                  </>
                ) : null}
                {m.lastError ? (
                  <>
                    <dt className="text-muted">Last error</dt>
                    <dd className="break-words">{m.lastError}</dd>
                  </>
                ) : null}
              </dl>
              <details className="mt-2">
                <summary className="cursor-pointer text-sm font-medium text-brand-700 underline">
                  Full text
                  <span className="sr-only">
                    {" "}
                    of “{m.subject}” to {m.toAddress}
                  </span>
                </summary>
                <pre className="mt-2 overflow-x-auto rounded border border-gray-200 bg-gray-50 p-3 text-sm break-words whitespace-pre-wrap">{m.text}</pre>
              </details>
            </li>
          ))}
        </ol>
      )}
      <Pager page={page} pageCount={pageCount} href={(p) => pageHref(filter, p)} />
    </>
  );
}
