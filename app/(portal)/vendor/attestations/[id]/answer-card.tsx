"use client";
import type { SavedAnswer } from "@/lib/attestations/queries";
import { requiredFields, type AnswerRequirements } from "@/lib/attestations/completeness";
import type { AnswerFields } from "@/lib/validations/vendor";
import { IMPLEMENTATION_STATUSES, STATUS_LABELS } from "@/lib/validations/vendor-labels";
import { formatTime } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { BackupNotice } from "./backup-notice";
import { EvidencePicker, type PickerItem } from "./evidence-picker";
import { useAutosave, type SaveState } from "./use-autosave";

export type CardControl = {
  id: string;
  controlId: string;
  title: string;
  statement: string;
  vendorGuidance: string;
  must: boolean;
  evidenceKinds: string[];
  rubric: string[];
};
const EMPTY: AnswerFields = { status: null, narrative: "", maturity: null, justification: "", targetDate: null, plan: "" };
const input = "mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base";

function statusText(state: SaveState, savedAt: string | null, error: string | null, zone: string): string {
  if (state === "saving") return "Saving…";
  if (state === "dirty") return "Unsaved changes";
  if (state === "error") return error ?? "Not saved";
  if (state === "conflict") return "Not saved: someone else saved this control meanwhile";
  return savedAt ? `Saved at ${formatTime(savedAt, zone)}` : "Not answered yet";
}

type CardProps = {
  attestationId: string;
  control: CardControl;
  initial: SavedAnswer | null;
  linked: PickerItem[];
  today: string;
  /** The reader's IANA time zone, for the save and backup times. */
  zone: string;
  requirements: AnswerRequirements;
  /** Hidden cards stay mounted, so their pending saves and unsaved text survive moving to another control. */
  hidden?: boolean;
  onSaved?: (saved: AnswerFields) => void;
  onLinksSaved?: (linked: PickerItem[]) => void;
};

export function AnswerCard({ attestationId, control, initial, linked, today, zone, requirements, hidden, onSaved, onLinksSaved }: CardProps) {
  const { fields, update, flush, state, savedAt, error, conflict, resolve, backup, restoreBackup, discardBackup } = useAutosave(
    attestationId,
    control.id,
    initial,
    EMPTY,
    onSaved,
  );
  const id = (f: string) => `${control.controlId}-${f}`;
  // What this status requires by the catalog version's rules; a control without a status is held to "implemented".
  const required = new Set(requiredFields(fields.status, control.must, requirements));
  const req = (f: Parameters<typeof required.has>[0]) => (required.has(f) ? " (required)" : "");
  const showPlan = fields.status === "partial" || fields.status === "planned" || required.has("targetDate") || required.has("plan");
  const showJustification = fields.status === "not_applicable" || required.has("justification");
  return (
    <section
      id={`control-${control.controlId}`}
      aria-labelledby={id("h")}
      hidden={hidden}
      className="scroll-mt-20 rounded-lg border border-gray-300 bg-white p-4"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={id("h")} tabIndex={-1} className="text-base font-semibold">
          {control.controlId} {control.title} {control.must ? <span className="ml-1 rounded border border-brand-700 px-1 text-xs">must</span> : null}
        </h3>
        <p aria-live="polite" className={`text-sm ${state === "error" || state === "conflict" ? "font-semibold text-red-800" : "text-muted"}`}>
          {statusText(state, savedAt, error, zone)}
        </p>
      </div>
      <p className="mt-1 text-sm">{control.statement}</p>
      {control.vendorGuidance ? <p className="mt-1 text-sm text-muted">What to provide: {control.vendorGuidance}</p> : null}
      <BackupNotice backup={backup} current={fields} label={control.controlId} zone={zone} onRestore={restoreBackup} onDiscard={discardBackup} />
      {conflict ? (
        <div role="alert" className="mt-3 rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm">
          <p className="font-semibold">Someone else saved this control while you were editing. Nothing has been overwritten: choose what to keep.</p>
          <div className="mt-2 grid gap-3 sm:grid-cols-2">
            <Version title="Their saved version" a={conflict.theirs} />
            <Version title="Your version" a={fields} />
          </div>
          <div className="mt-2 flex flex-wrap gap-2">
            <Button onClick={() => resolve("mine")}>Keep mine</Button>
            <Button variant="secondary" onClick={() => resolve("theirs")}>
              Use theirs
            </Button>
            <Button variant="secondary" onClick={() => resolve("merge")}>
              Combine both texts
            </Button>
          </div>
        </div>
      ) : null}
      <div className="mt-3 grid gap-4 lg:grid-cols-[1fr_20rem]" onBlur={flush}>
        <div>
          <label htmlFor={id("status")} className="block text-sm font-semibold">
            Implementation status
          </label>
          <select
            id={id("status")}
            className={input}
            value={fields.status ?? ""}
            onChange={(e) => update({ status: (e.target.value || null) as AnswerFields["status"] })}
          >
            <option value="">Choose…</option>
            {IMPLEMENTATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <label htmlFor={id("narrative")} className="mt-3 block text-sm font-semibold">
            Narrative{req("narrative")}
          </label>
          <textarea id={id("narrative")} rows={4} className={input} value={fields.narrative} onChange={(e) => update({ narrative: e.target.value })} />
          {showJustification ? (
            <>
              <label htmlFor={id("justification")} className="mt-3 block text-sm font-semibold">
                {fields.status === "not_applicable" ? "Why it does not apply" : "Justification"}
                {req("justification")}
              </label>
              <textarea
                id={id("justification")}
                rows={2}
                className={input}
                value={fields.justification}
                onChange={(e) => update({ justification: e.target.value })}
              />
            </>
          ) : null}
          {showPlan ? (
            <>
              <label htmlFor={id("target")} className="mt-3 block text-sm font-semibold">
                Target date{req("targetDate")}
              </label>
              <input
                id={id("target")}
                type="date"
                className={input}
                value={fields.targetDate ?? ""}
                onChange={(e) => update({ targetDate: e.target.value || null })}
              />
              <label htmlFor={id("plan")} className="mt-3 block text-sm font-semibold">
                Plan to get there{req("plan")}
              </label>
              <textarea id={id("plan")} rows={3} className={input} value={fields.plan} onChange={(e) => update({ plan: e.target.value })} />
            </>
          ) : null}
          <EvidencePicker
            attestationId={attestationId}
            controlId={control.id}
            label={control.controlId}
            initial={linked}
            today={today}
            kinds={control.evidenceKinds}
            required={required.has("evidence")}
            onSaved={onLinksSaved}
          />
        </div>
        <fieldset className="rounded-md border border-gray-300 p-3">
          <legend className="px-1 text-sm font-semibold">Self-assessed maturity</legend>
          {control.rubric.map((text, level) => (
            <div key={level} className="mb-2 flex items-start gap-2">
              <input
                id={id(`m${level}`)}
                type="radio"
                name={id("maturity")}
                className="mt-1 h-4 w-4"
                checked={fields.maturity === level}
                onChange={() => update({ maturity: level })}
              />
              <label htmlFor={id(`m${level}`)} className="text-sm">
                <span className="font-semibold">Level {level}</span>: {text}
              </label>
            </div>
          ))}
        </fieldset>
      </div>
    </section>
  );
}

function Version({ title, a }: { title: string; a: AnswerFields }) {
  return (
    <div className="rounded border border-gray-300 bg-white p-2">
      <p className="font-semibold">{title}</p>
      <dl className="text-sm">
        <dt className="font-semibold">Status</dt>
        <dd>{a.status ? STATUS_LABELS[a.status] : "—"}</dd>
        <dt className="font-semibold">Maturity</dt>
        <dd>{a.maturity ?? "—"}</dd>
        <dt className="font-semibold">Narrative</dt>
        <dd className="whitespace-pre-wrap">{a.narrative || "—"}</dd>
        {a.justification ? (
          <>
            <dt className="font-semibold">Justification</dt>
            <dd>{a.justification}</dd>
          </>
        ) : null}
        {a.plan || a.targetDate ? (
          <>
            <dt className="font-semibold">Plan</dt>
            <dd>
              {a.targetDate ?? ""} {a.plan}
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
