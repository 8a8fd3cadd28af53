import { z } from "zod";

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed", "held"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: "Waiting to be sent",
  sending: "Being sent",
  sent: "Sent",
  failed: "Failed (no more attempts)",
  held: "Held (email sending is not configured)",
};

/** Query string of the notification list; anything malformed falls back to the first page. */
export const notificationListSchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  missing: z.string().optional().catch(undefined),
});

/** Query string of the administrators' outbox; an unknown status shows every status. */
export const outboxFilterSchema = z.object({
  status: z.enum(OUTBOX_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
export type OutboxFilter = z.output<typeof outboxFilterSchema>;

export const markNotificationReadSchema = z.object({ id: z.string().uuid() });
/** No fields, but still an object: anything else is refused as invalid. */
export const markAllNotificationsReadSchema = z.object({});
