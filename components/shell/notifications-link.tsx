import Link from "next/link";

/**
 * The header's way to the notification list: "Notifications (3)" on screen,
 * "Notifications (3 unread)" to assistive technology. Drawn by the portal
 * layout, so the count is as of the last page load or refresh (marking read
 * refreshes it).
 */
export function NotificationsLink({ unread }: { unread: number }) {
  return (
    <Link
      href="/notifications"
      aria-label={unread === 0 ? "Notifications (none unread)" : `Notifications (${unread} unread)`}
      className="rounded-md px-3 py-2 text-sm font-medium whitespace-nowrap text-white hover:bg-brand-700"
    >
      {unread === 0 ? "Notifications" : `Notifications (${unread})`}
    </Link>
  );
}
