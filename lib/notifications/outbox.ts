import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { OutboxFilter } from "@/lib/validations/notifications";

export const OUTBOX_PAGE_SIZE = 25;

/** One page of the email outbox for administrators, newest first, optionally of one status, with the total that matches. */
export async function listOutbox(db: DbOrTx, filter: OutboxFilter) {
  const where = filter.status ? eq(emailOutbox.status, filter.status) : undefined;
  const [counted] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(emailOutbox)
    .where(where);
  const total = counted?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / OUTBOX_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows = await db
    .select({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      status: emailOutbox.status,
      attempts: emailOutbox.attempts,
      nextAttemptAt: emailOutbox.nextAttemptAt,
      lastError: emailOutbox.lastError,
      sentAt: emailOutbox.sentAt,
      createdAt: emailOutbox.createdAt,
    })
    .from(emailOutbox)
    .where(where)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(OUTBOX_PAGE_SIZE)
    .offset((page - 1) * OUTBOX_PAGE_SIZE);
  return { rows, total, page, pageCount };
}
export type OutboxRow = Awaited<ReturnType<typeof listOutbox>>["rows"][number];
