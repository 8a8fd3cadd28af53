import "server-only";
import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox, notifications, users } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { absoluteLink, isPortalPath } from "./links";

export const NOTIFICATION_KINDS = [
  "panel_assigned",
  "conflict_declared",
  "clarification_asked",
  "clarification_answered",
  "changes_requested",
  "revision_submitted",
  "scorecards_complete",
  "decision_signed",
  "decision",
  "remediation_closed",
  "remediation_reviewed",
  "remediation_due_soon",
  "remediation_overdue",
  "report_ready",
  "report_published",
  "new_sign_in",
  "sessions_ended",
  "factors_reset",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type Message = { kind: NotificationKind; title: string; body: string; link: string };

/**
 * Tells people something happened: one in-app notification each and one
 * email in the outbox each, written with the caller's transaction, so they
 * exist exactly when the event that caused them does. The worker
 * (lib/notifications/worker.ts) sends the emails, or holds them for
 * administrators to read when no SMTP server is configured.
 */
export async function notify(tx: DbOrTx, userIds: readonly string[], message: Message): Promise<void> {
  // A link is always a path inside the portal: anything else is a programming error, refused before anything is written.
  if (!isPortalPath(message.link)) throw new Error(`notify: link must be a portal path starting with "/", got ${JSON.stringify(message.link)}`);
  const unique = [...new Set(userIds)];
  if (!unique.length) return;
  const people = await tx.select({ id: users.id, email: users.email, active: users.active }).from(users).where(inArray(users.id, unique));
  const active = people.filter((p) => p.active);
  if (!active.length) return;
  const rows = await tx
    .insert(notifications)
    .values(active.map((p) => ({ userId: p.id, kind: message.kind, title: message.title, body: message.body, link: message.link })))
    .returning({ id: notifications.id, userId: notifications.userId });
  const email = new Map(active.map((p) => [p.id, p.email]));
  const text = emailText(message, getConfig().mail.publicUrl);
  await tx
    .insert(emailOutbox)
    .values(rows.map((n) => ({ notificationId: n.id, toAddress: email.get(n.userId)!, subject: `Ringfence: ${message.title}`, text })));
}

/** The email's plain text: the notification, a full link to it, and why the person receives it. */
export function emailText(message: Pick<Message, "title" | "body" | "link">, publicUrl: string): string {
  return [
    message.title,
    "",
    ...(message.body ? [message.body, ""] : []),
    `Open it in Ringfence: ${absoluteLink(publicUrl, message.link)}`,
    "",
    "-- ",
    "You receive this email because you have an account on Ringfence. Your notifications are also listed at",
    absoluteLink(publicUrl, "/notifications"),
    "",
  ].join("\n");
}
