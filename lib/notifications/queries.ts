import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { notifications } from "@/db/schema";
import { isUuid } from "@/lib/ids";
import { isPortalPath } from "./links";

/**
 * A person's own notifications. Every function takes the user id from the
 * session (never from input) and puts it in the where-clause, so an id that
 * belongs to someone else behaves exactly like an id that does not exist.
 */
export const NOTIFICATIONS_PAGE_SIZE = 25;

export async function countUnread(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** One page, newest first, with the person's total and unread counts. An out-of-range page is brought back into range. */
export async function listNotifications(db: DbOrTx, userId: string, requestedPage: number) {
  const [counts] = await db
    .select({ total: sql<number>`count(*)::int`, unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int` })
    .from(notifications)
    .where(eq(notifications.userId, userId));
  const total = counts?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / NOTIFICATIONS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.floor(requestedPage) || 1), pageCount);
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      title: notifications.title,
      body: notifications.body,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(NOTIFICATIONS_PAGE_SIZE)
    .offset((page - 1) * NOTIFICATIONS_PAGE_SIZE);
  // A stored link that is not a portal path is never offered.
  return { rows: rows.map((r) => ({ ...r, link: isPortalPath(r.link) ? r.link : null })), total, unread: counts?.unread ?? 0, page, pageCount };
}
export type NotificationRow = Awaited<ReturnType<typeof listNotifications>>["rows"][number];

/** Marks one of the person's notifications read (a second time changes nothing). False when it is not theirs or does not exist. */
export async function markNotificationRead(db: DbOrTx, userId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length === 1;
}

/** Marks every unread notification of the person read; returns how many changed. */
export async function markAllNotificationsRead(db: DbOrTx, userId: string): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

/**
 * Opening a notification: marks it read (unless `markRead` is false) and
 * returns where it points: its link when that is a portal path, otherwise
 * the notification list. Null when it is not the person's.
 */
export async function openNotification(db: DbOrTx, userId: string, id: string, markRead = true): Promise<{ target: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = markRead
    ? await db
        .update(notifications)
        .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
        .returning({ link: notifications.link })
    : await db
        .select({ link: notifications.link })
        .from(notifications)
        .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!row) return null;
  return { target: isPortalPath(row.link) ? row.link : "/notifications" };
}
