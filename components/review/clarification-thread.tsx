"use client";
import Link from "next/link";
import { useId } from "react";
import {
  CLARIFICATION_STATUS_LABELS,
  type ClarificationMessageView,
  type ClarificationSide,
  type ClarificationStatus,
  type ClarificationThreadView,
} from "@/lib/review/clarification-types";
import { AnswerForm, AskClarificationForm, ReplyForm, ResolveButton } from "./clarification-forms";
import { count, formatDateTime, formatUtc } from "@/lib/format";

export type { ClarificationSide, ClarificationThreadView } from "@/lib/review/clarification-types";

export type ClarificationThreadsProps = {
  /** The reader's time zone, from readerTimeZone() on the page (UTC when not given). */
  zone?: string;
  /** "panel": reviewers ask, follow up and resolve. "vendor": compliance officers answer. */
  side: ClarificationSide;
  attestationId: string;
  /** The catalog control's uuid (the snapshot's `controls[].id`). */
  controlId: string;
  /** From listClarifications(db, actor, attestationId, { controlId }); threads of other controls are ignored. */
  threads: readonly ClarificationThreadView[];
  /** How the control is named in headings and labels, e.g. "SDP-2.1 Staged rollout". Defaults to its reference. */
  controlLabel?: string;
  /**
   * Whether the forms are shown: true only while the attestation is in review
   * and, on the vendor side, for compliance officers. The server refuses
   * everyone else anyway; this only avoids offering forms that cannot work.
   */
  canWrite?: boolean;
  /** Panel side: offer the form for a new question (default true). */
  allowAsk?: boolean;
  /** Today as YYYY-MM-DD, to flag expired items in the vendor's evidence search. */
  today?: string;
  /** Level of this block's heading (default 3); thread headings are one below. */
  headingLevel?: 2 | 3 | 4;
};

const STATUS_TONE: Record<ClarificationStatus, string> = {
  open: "border-amber-700 bg-amber-50 text-amber-900",
  answered: "border-blue-700 bg-blue-50 text-blue-900",
  resolved: "border-green-700 bg-green-50 text-green-900",
};

/** A moment in the reader's zone (the page passes it, so server and browser print the same text). */
function When({ iso, zone }: { iso: string; zone: string }) {
  return (
    <time dateTime={iso} title={formatUtc(iso)} suppressHydrationWarning>
      {formatDateTime(iso, zone)}
    </time>
  );
}

export function ClarificationStatusBadge({ status }: { status: ClarificationStatus }) {
  return <span className={`inline-block rounded border px-2 py-0.5 text-xs font-semibold ${STATUS_TONE[status]}`}>{CLARIFICATION_STATUS_LABELS[status]}</span>;
}

function Message({ m, side, attestationId, zone }: { m: ClarificationMessageView; side: ClarificationSide; attestationId: string; zone: string }) {
  const who = m.side === "panel" ? "review panel" : "vendor";
  const version = m.evidence && m.evidence.version > 0 ? `, file version ${m.evidence.version}` : "";
  return (
    <li className={`rounded-md border p-3 ${m.side === "panel" ? "border-gray-300 bg-gray-50" : "border-brand-700/40 bg-white"}`}>
      <p className="text-xs text-muted">
        <span className="font-semibold text-ink">{m.authorName}</span>, {who} · <When iso={m.createdAt} zone={zone} />
      </p>
      <p className="mt-1 text-sm break-words whitespace-pre-wrap">{m.body}</p>
      {m.evidence ? (
        <p className="mt-2 text-sm break-words">
          Attached evidence:{" "}
          {side === "vendor" ? (
            <Link href={`/vendor/evidence/${m.evidence.id}`} className="underline">
              {m.evidence.title}
            </Link>
          ) : m.evidence.version > 0 ? (
            // Panel members download exactly the version attached, through the panel's own file route.
            <a href={`/api/review/${attestationId}/evidence/${m.evidence.id}?version=${m.evidence.version}`} className="font-semibold underline">
              {m.evidence.title}
            </a>
          ) : (
            <span className="font-semibold">{m.evidence.title}</span>
          )}
          {version}
        </p>
      ) : null}
    </li>
  );
}

function Thread({
  thread,
  number,
  side,
  canWrite,
  today,
  level,
  zone,
}: {
  thread: ClarificationThreadView;
  number: number;
  side: ClarificationSide;
  canWrite: boolean;
  today: string;
  level: number;
  zone: string;
}) {
  const uid = useId();
  const H = `h${Math.min(level, 6)}` as "h4";
  const label = `question ${number} on ${thread.controlRef}`;
  const open = thread.status !== "resolved";
  return (
    <li>
      <article aria-labelledby={`${uid}-h`} className="rounded-lg border border-gray-300 bg-white p-3 sm:p-4">
        <div className="flex flex-wrap items-center gap-2">
          <H id={`${uid}-h`} className="font-semibold">
            Question {number} on {thread.controlRef}
          </H>
          <ClarificationStatusBadge status={thread.status} />
        </div>
        <ol className="mt-2 space-y-2" aria-label={`Messages of ${label}`}>
          {thread.messages.map((m) => (
            <Message key={m.id} m={m} side={side} attestationId={thread.attestationId} zone={zone} />
          ))}
        </ol>
        {thread.status === "resolved" && thread.resolvedAt ? (
          <p className="mt-2 text-sm">
            Resolved{thread.resolvedByName ? ` by ${thread.resolvedByName}` : ""} on <When iso={thread.resolvedAt} zone={zone} />.
          </p>
        ) : null}
        {open && canWrite && side === "panel" ? (
          <>
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline">Write a follow-up</summary>
              <ReplyForm clarificationId={thread.id} questionLabel={label} />
            </details>
            <ResolveButton clarificationId={thread.id} questionLabel={label} />
          </>
        ) : null}
        {open && canWrite && side === "vendor" ? (
          thread.status === "open" ? (
            <AnswerForm clarificationId={thread.id} questionLabel={label} today={today} />
          ) : (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-semibold text-brand-700 underline">Add to your answer</summary>
              <AnswerForm clarificationId={thread.id} questionLabel={label} today={today} />
            </details>
          )
        ) : null}
      </article>
    </li>
  );
}

/**
 * The questions on one control of one attestation, with the forms for the
 * viewer's side. The reviewer scoring page embeds it per control:
 *
 *   <ClarificationThreads side="panel" attestationId={id} controlId={control.id}
 *     controlLabel={`${control.controlId} ${control.title}`} threads={threads}
 *     canWrite={state === "in_review"} />
 *
 * Threads come from `listClarifications` (lib/review/clarifications.ts), which
 * applies the viewer's scope; the forms call the server actions of each side,
 * which check everything again.
 */
export function ClarificationThreads({
  side,
  attestationId,
  controlId,
  threads,
  controlLabel,
  canWrite = true,
  allowAsk = true,
  today = new Date().toISOString().slice(0, 10),
  headingLevel = 3,
  zone = "UTC",
}: ClarificationThreadsProps) {
  const uid = useId();
  const mine = threads.filter((t) => t.controlId === controlId);
  const label = controlLabel ?? mine[0]?.controlRef ?? "this control";
  const H = `h${headingLevel}` as "h3";
  const waiting = mine.filter((t) => t.status === (side === "vendor" ? "open" : "answered")).length;
  return (
    <section aria-labelledby={`${uid}-h`} className="mt-3">
      <H id={`${uid}-h`} className="text-base font-semibold">
        Questions on {label}
      </H>
      <p className="text-sm text-muted">
        {mine.length === 0
          ? "No questions on this control."
          : `${count(mine.length, "question")}; ${waiting} waiting for ${side === "vendor" ? "your answer" : "the panel"}.`}
      </p>
      {mine.length ? (
        <ol className="mt-2 space-y-3">
          {mine.map((t, i) => (
            <Thread key={t.id} thread={t} number={i + 1} side={side} canWrite={canWrite} today={today} level={headingLevel + 1} zone={zone} />
          ))}
        </ol>
      ) : null}
      {side === "panel" && canWrite && allowAsk ? <AskClarificationForm attestationId={attestationId} controlId={controlId} label={label} /> : null}
    </section>
  );
}
