import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { requirePermission } from "@/lib/auth/session";
import { count } from "@/lib/format";
import { listNotifications, NOTIFICATIONS_PAGE_SIZE } from "@/lib/notifications/queries";
import { notificationListSchema } from "@/lib/validations/notifications";
import { EmptyState, PageHeader } from "@/components/ui/page-header";
import { FormAlert } from "@/components/ui/form-alert";
import { DateTime } from "@/components/notifications/date-time";
import { Pager } from "@/components/notifications/pager";
import { MarkAllReadButton, MarkReadButton } from "./read-buttons";

export const metadata: Metadata = { title: "Notifications" };
export const dynamic = "force-dynamic";

const pageHref = (page: number) => (page > 1 ? `/notifications?page=${page}` : "/notifications");

export default async function NotificationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePermission("portal.use");
  const raw = await searchParams;
  const query = notificationListSchema.parse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { rows, total, unread, page, pageCount } = await listNotifications(await getDb(), actor.userId, query.page);
  const first = (page - 1) * NOTIFICATIONS_PAGE_SIZE + 1;
  return (
    <>
      <PageHeader
        title="Notifications"
        description="What happened that concerns you, newest first. Open a notification to go to the page it is about; opening it marks it read."
        actions={unread > 0 ? <MarkAllReadButton /> : undefined}
      />
      <FormAlert message={query.missing !== undefined ? "That notification was not found." : null} />
      <p className="mb-2 text-sm" aria-live="polite">
        {total === 0 ? "" : `${count(unread, "unread notification")}. Showing ${first}–${first + rows.length - 1} of ${count(total, "notification")}.`}
      </p>
      {rows.length === 0 ? (
        <EmptyState title="No notifications yet">When a review, a clarification or a decision concerns you, it is listed here.</EmptyState>
      ) : (
        <ol className="divide-y divide-gray-200 rounded-lg border border-gray-300 bg-white" aria-label="Notifications">
          {rows.map((n) => (
            <li
              key={n.id}
              className={`flex flex-col gap-2 p-4 sm:flex-row sm:items-start sm:justify-between ${n.readAt ? "" : "border-l-4 border-l-brand-700 bg-brand-50"}`}
            >
              <div className="min-w-0">
                <p className="text-xs text-muted">
                  {n.readAt ? (
                    "Read"
                  ) : (
                    <span className="inline-block rounded border border-brand-700 bg-white px-2 py-0.5 font-semibold text-brand-800">Unread</span>
                  )}{" "}
                  · <DateTime value={n.createdAt} />
                </p>
                <h2 className="mt-1 font-semibold break-words">
                  {n.link ? (
                    <a href={`/notifications/${n.id}/open`} className="text-brand-700 underline">
                      {n.title}
                    </a>
                  ) : (
                    n.title
                  )}
                </h2>
                {n.body ? <p className="mt-1 text-sm break-words whitespace-pre-line">{n.body}</p> : null}
              </div>
              {n.readAt ? null : <MarkReadButton id={n.id} title={n.title} />}
            </li>
          ))}
        </ol>
      )}
      <Pager page={page} pageCount={pageCount} href={pageHref} />
      {total > 0 ? (
        <p className="mt-4 text-sm text-muted">
          When the portal sends email, each notification is also emailed to the address shown on{" "}
          <Link href="/account" className="underline">
            your account
          </Link>
          .
        </p>
      ) : null}
    </>
  );
}
