import "server-only";
import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import { getConfig } from "@/lib/config";
import { logError, logInfo } from "@/lib/server/log";
import { createSmtpMailer, type Mailer } from "./mailer";
import { afterFailure } from "./retry";

/**
 * The email worker. Each run claims due outbox rows in one statement
 * (`FOR UPDATE SKIP LOCKED`), so concurrent workers, in one process or on
 * several instances, never hold the same row at once; it then sends each
 * claimed message and records the outcome.
 *
 * SMTP cannot deliver exactly once. A claim lasts CLAIM_SECONDS, far longer
 * than a send may take (mailer.ts timeouts), so each claim sends at most once.
 * If the process stops after the server accepted a message and before it was
 * marked sent, the claim expires and the message is sent again, once, with the
 * same Message-ID (mailer.ts), by which receiving systems can drop the copy.
 */
export const CLAIM_SECONDS = 300;
export const BATCH_SIZE = 10;
export const INTERVAL_MS = 5_000;

export type RunResult = { claimed: number; sent: number; retrying: number; failed: number; held: number };
export type RunOptions = { db?: Db; mailer?: Mailer | null; batchSize?: number; claimSeconds?: number };

const due = () =>
  or(
    and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, sql`now()`)),
    and(eq(emailOutbox.status, "sending"), lt(emailOutbox.claimedUntil, sql`now()`)),
  );
const secondsFromNow = (seconds: number) => sql`now() + (${Math.ceil(seconds)}::int * interval '1 second')`;

/** Claims up to `limit` due messages, oldest first: status 'sending', one more attempt, claimed for `claimSeconds`. */
export async function claimDue(db: Db, limit: number, claimSeconds = CLAIM_SECONDS) {
  const ids = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(due())
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
    .limit(limit)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(emailOutbox)
    .set({ status: "sending", claimedUntil: secondsFromNow(claimSeconds), attempts: sql`${emailOutbox.attempts} + 1` })
    .where(inArray(emailOutbox.id, ids))
    .returning({
      id: emailOutbox.id,
      to: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      text: emailOutbox.text,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
    });
  return rows.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}
type Claimed = Awaited<ReturnType<typeof claimDue>>[number];

// Only while this run's claim still stands: same status and attempt number.
const stillClaimed = (row: Claimed) => and(eq(emailOutbox.id, row.id), eq(emailOutbox.status, "sending"), eq(emailOutbox.attempts, row.attempts));

async function markSent(db: Db, row: Claimed) {
  await db
    .update(emailOutbox)
    .set({ status: "sent", sentAt: sql`now()`, claimedUntil: null, lastError: null })
    .where(stillClaimed(row));
}

async function markFailed(db: Db, row: Claimed, error: string) {
  const next = afterFailure(row.attempts);
  await db
    .update(emailOutbox)
    .set(
      next.status === "failed"
        ? { status: "failed", claimedUntil: null, lastError: error }
        : { status: "pending", claimedUntil: null, lastError: error, nextAttemptAt: secondsFromNow(next.delaySeconds) },
    )
    .where(stillClaimed(row));
  return next;
}

/** Without SMTP nothing is sent: due messages are held in the outbox, where administrators read them. */
export async function holdDue(db: Db): Promise<number> {
  const rows = await db.update(emailOutbox).set({ status: "held", claimedUntil: null }).where(due()).returning({ id: emailOutbox.id });
  return rows.length;
}

let configuredMailer: Mailer | null | undefined;
function defaultMailer(): Mailer | null {
  if (configuredMailer === undefined) {
    const { smtpUrl, from, publicUrl } = getConfig().mail;
    configuredMailer = smtpUrl ? createSmtpMailer({ smtpUrl, from, publicUrl }) : null;
  }
  return configuredMailer;
}

/** One pass: claim a batch and send it (or, without SMTP, hold what is due). */
export async function runOnce(options: RunOptions = {}): Promise<RunResult> {
  const db = options.db ?? (await getDb());
  const mailer = options.mailer === undefined ? defaultMailer() : options.mailer;
  const result: RunResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, held: 0 };
  if (!mailer) {
    result.held = await holdDue(db);
    return result;
  }
  const rows = await claimDue(db, options.batchSize ?? BATCH_SIZE, options.claimSeconds ?? CLAIM_SECONDS);
  result.claimed = rows.length;
  for (const row of rows) {
    try {
      await mailer.send({ id: row.id, to: row.to, subject: row.subject, text: row.text });
    } catch (err) {
      const error = mailer.describeError(err);
      const next = await markFailed(db, row, error);
      // The outbox id, not the address: the log needs no personal data.
      logInfo(
        `email ${row.id}: attempt ${row.attempts} failed (${error}); ${next.status === "failed" ? "no more attempts, marked failed" : `next attempt in ${next.delaySeconds} s`}`,
      );
      result[next.status === "failed" ? "failed" : "retrying"]++;
      continue;
    }
    // Outside the try: a failure to record success must not count as a failed send (that would send again at once).
    await markSent(db, row);
    result.sent++;
  }
  return result;
}

// Remediation reminders are queued by the periodic work (lib/server/periodic-jobs.ts), once across instances.
type WorkerState = { timer?: NodeJS.Timeout; running?: Promise<void>; stopped: boolean };
const holder = globalThis as unknown as { __ringfenceMailWorker?: WorkerState };

/** Runs the worker every `intervalMs` in the background (unref'd: it never keeps the process alive). */
export function startMailWorker(intervalMs = INTERVAL_MS): void {
  if (holder.__ringfenceMailWorker) return;
  const state: WorkerState = { stopped: false };
  holder.__ringfenceMailWorker = state;
  const tick = async () => {
    try {
      // A full batch means more may be due: carry on without waiting.
      let r: RunResult;
      do r = await runOnce();
      while (!state.stopped && r.claimed === BATCH_SIZE);
    } catch (err) {
      logError("email worker", err);
    }
  };
  const schedule = () => {
    if (state.stopped) return;
    state.timer = setTimeout(() => {
      state.running = tick().finally(() => {
        state.running = undefined;
        schedule();
      });
    }, intervalMs);
    state.timer.unref();
  };
  schedule();
}

/** Stops the timer and waits for a run in progress to finish. */
export async function stopMailWorker(): Promise<void> {
  const state = holder.__ringfenceMailWorker;
  if (!state) return;
  state.stopped = true;
  clearTimeout(state.timer);
  await state.running;
  holder.__ringfenceMailWorker = undefined;
  configuredMailer?.close();
  configuredMailer = undefined;
}
