"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm } from "react-hook-form";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import type { ActionResult } from "@/lib/result";
import { useStepUp } from "@/components/auth/step-up";
import {
  publishReportAction,
  reviewRemediationAction,
  addCommentAction,
  cosignDecisionAction,
  recordConsensusAction,
  recordFindingAction,
  signDecisionAction,
} from "../actions";

/** Shared submit handling: success refreshes the page; refusals keep what was typed and show why. */
function useSubmit<T extends object>(
  run: (v: T) => Promise<ActionResult<unknown>>,
  setError: (name: never, e: { message: string }) => void,
  reset?: () => void,
) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const submit = async (v: T) => {
    setMessage(null);
    const result = await run(v);
    if (result.ok) {
      reset?.();
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError as never);
    setMessage(result.formError ?? "Check the fields marked below.");
  };
  return { message, submit };
}

/**
 * One control's section of the reconciliation page, a disclosure that starts open when the control
 * needs discussion. Its forms (a comment, the consensus) are rendered when the section is first
 * opened rather than with the page: a catalog has dozens of controls and the panel works on a few
 * at a time. Once shown they stay, so text typed into a section survives closing it. The section's
 * open state is the reader's after the first render: a refresh (after a comment or a consensus is
 * recorded) leaves it as it was. Following a link to the section (the score matrix's) opens it:
 * browsers scroll to a disclosure that is the address's target but leave it closed.
 */
export function ControlSection({ id, initiallyOpen, forms, children }: { id: string; initiallyOpen: boolean; forms: ReactNode; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [startOpen] = useState(initiallyOpen);
  const [shown, setShown] = useState(initiallyOpen);
  // Opened before the page hydrated: the toggle event came before React listened for it.
  useEffect(() => {
    if (ref.current?.open) setShown(true);
  }, []);
  // The score matrix links each control to its section (#c-…): the section opens when it is the target.
  useEffect(() => {
    const openIfTarget = () => {
      if (window.location.hash === `#${id}` && ref.current && !ref.current.open) ref.current.open = true;
    };
    openIfTarget();
    window.addEventListener("hashchange", openIfTarget);
    return () => window.removeEventListener("hashchange", openIfTarget);
  }, [id]);
  return (
    <details
      ref={ref}
      id={id}
      className="rounded-lg border border-gray-300 bg-white p-3"
      open={startOpen}
      onToggle={(e) => {
        if (e.currentTarget.open) setShown(true);
      }}
    >
      {children}
      {shown ? forms : null}
    </details>
  );
}

export function CommentForm({ attestationId, controlId }: { attestationId: string; controlId: string }) {
  const { register, handleSubmit, formState, setError, reset } = useForm<{ body: string }>({ defaultValues: { body: "" } });
  const { message, submit } = useSubmit<{ body: string }>(
    (v) => addCommentAction({ attestationId, controlId, body: v.body }),
    setError as never,
    () => reset({ body: "" }),
  );
  return (
    <ClientForm onSubmit={handleSubmit(submit)} noValidate className="mt-3">
      <FormAlert message={message} />
      <TextAreaField id={`comment-${controlId}`} label="Comment for the panel" rows={2} error={formState.errors.body?.message} {...register("body")} />
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Add comment
      </Button>
    </ClientForm>
  );
}

export function ConsensusForm({
  attestationId,
  controlId,
  current,
  mean,
}: {
  attestationId: string;
  controlId: string;
  current: { score: number; note: string } | null;
  mean: number | null;
}) {
  const { register, handleSubmit, formState, setError } = useForm<{ score: string; note: string }>({
    defaultValues: { score: current ? String(current.score) : mean === null ? "" : String(Math.round(mean)), note: current?.note ?? "" },
  });
  const { message, submit } = useSubmit<{ score: string; note: string }>(
    (v) => recordConsensusAction({ attestationId, controlId, score: Number(v.score), note: v.note }),
    setError as never,
  );
  return (
    <ClientForm onSubmit={handleSubmit(submit)} noValidate className="mt-3 grid gap-2 sm:grid-cols-[10rem_1fr]">
      <div className="sm:col-span-2">
        <FormAlert message={message} />
      </div>
      <SelectField id={`consensus-${controlId}`} label="Consensus score" error={formState.errors.score?.message} {...register("score")}>
        {[0, 1, 2, 3, 4].map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        id={`note-${controlId}`}
        label="Note"
        hint={mean === null ? undefined : `Required when the consensus is half a point or more from the mean (${mean.toFixed(2)}).`}
        rows={2}
        error={formState.errors.note?.message}
        {...register("note")}
      />
      <div>
        <Button type="submit" disabled={formState.isSubmitting}>
          {current ? "Update consensus" : "Record consensus"}
        </Button>
      </div>
    </ClientForm>
  );
}

export function FindingForm({ attestationId, rolloutRecordId, findingKey }: { attestationId: string; rolloutRecordId: string; findingKey: string }) {
  const { register, handleSubmit, formState, setError } = useForm<{ note: string }>({ defaultValues: { note: "" } });
  const { message, submit } = useSubmit<{ note: string }>(
    (v) => recordFindingAction({ attestationId, rolloutRecordId, findingKey, note: v.note }),
    setError as never,
  );
  return (
    <ClientForm onSubmit={handleSubmit(submit)} noValidate className="mt-2">
      <FormAlert message={message} />
      <TextAreaField id={`finding-${findingKey}`} label="How it was addressed" rows={2} error={formState.errors.note?.message} {...register("note")} />
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        Record as addressed
      </Button>
    </ClientForm>
  );
}

type DecisionValues = { summary: string; remediation: { controlId: string; action: string; dueDate: string }[] };

export function SignDecisionForm({ attestationId, result, controls }: { attestationId: string; result: string; controls: { id: string; label: string }[] }) {
  const conditional = result === "meets_with_conditions";
  const { register, handleSubmit, formState, setError, control } = useForm<DecisionValues>({
    defaultValues: { summary: "", remediation: conditional ? [{ controlId: "", action: "", dueDate: "" }] : [] },
  });
  const { fields, append, remove } = useFieldArray({ control, name: "remediation" });
  const stepUp = useStepUp();
  const { message, submit } = useSubmit<DecisionValues>(
    (v) => stepUp.guard(() => signDecisionAction({ attestationId, summary: v.summary, remediation: v.remediation })),
    setError as never,
  );
  const errs = formState.errors.remediation;
  return (
    <ClientForm onSubmit={handleSubmit(submit)} noValidate className="mt-4 border-t border-gray-200 pt-3">
      <h3 className="mb-2 font-semibold">Sign the decision</h3>
      {stepUp.dialog}
      <FormAlert message={message} />
      <TextAreaField id="summary" label="The panel's reasoning" rows={4} required error={formState.errors.summary?.message} {...register("summary")} />
      {conditional ? (
        <fieldset className="mb-4">
          <legend className="text-sm font-semibold">Remediation items (the plan of action and milestones)</legend>
          {errs?.message || errs?.root?.message ? <p className="text-sm font-medium text-red-700">{errs?.message ?? errs?.root?.message}</p> : null}
          {fields.map((f, i) => (
            <div key={f.id} className="mt-2 rounded border border-gray-200 p-2">
              <SelectField
                id={`remediation.${i}.controlId`}
                label={`Item ${i + 1}: control`}
                error={errs?.[i]?.controlId?.message}
                {...register(`remediation.${i}.controlId`)}
              >
                <option value="">Choose…</option>
                {controls.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.label}
                  </option>
                ))}
              </SelectField>
              <TextAreaField
                id={`remediation.${i}.action`}
                label="Required action"
                rows={2}
                error={errs?.[i]?.action?.message}
                {...register(`remediation.${i}.action`)}
              />
              <TextField
                id={`remediation.${i}.dueDate`}
                label="Due date"
                type="date"
                error={errs?.[i]?.dueDate?.message}
                {...register(`remediation.${i}.dueDate`)}
              />
              <Button variant="link" onClick={() => remove(i)}>
                Remove item {i + 1}
              </Button>
            </div>
          ))}
          <Button variant="secondary" className="mt-2" onClick={() => append({ controlId: "", action: "", dueDate: "" })}>
            Add a remediation item
          </Button>
        </fieldset>
      ) : null}
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing…" : "Sign as lead"}
      </Button>
    </ClientForm>
  );
}

/** One button that runs one action, shows its error, and on success goes on (refresh or another page). */
function ActionButton<T>({
  label,
  busyLabel,
  failure,
  run,
  onDone,
}: {
  label: string;
  busyLabel: string;
  failure: string;
  run: () => Promise<ActionResult<T>>;
  onDone: (data: T) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="mt-2">
      <FormAlert message={error} />
      <Button
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await run();
          setBusy(false);
          if (result.ok) onDone(result.data);
          else setError(result.formError ?? failure);
        }}
      >
        {busy ? busyLabel : label}
      </Button>
    </div>
  );
}

export function CosignButton({ attestationId }: { attestationId: string }) {
  const router = useRouter();
  const stepUp = useStepUp();
  return (
    <>
      {stepUp.dialog}
      <ActionButton
        label="Co-sign the decision"
        busyLabel="Co-signing…"
        failure="The decision could not be co-signed."
        run={() => stepUp.guard(() => cosignDecisionAction({ attestationId }))}
        onDone={() => router.refresh()}
      />
    </>
  );
}

export function RemediationReviewForm({ itemId }: { itemId: string }) {
  const { register, handleSubmit, formState, setError } = useForm<{ note: string }>({ defaultValues: { note: "" } });
  // Which button submitted: read when the submit handler runs, not from the render that made it.
  const accept = useRef(true);
  const { message, submit } = useSubmit<{ note: string }>((v) => reviewRemediationAction({ itemId, accept: accept.current, note: v.note }), setError as never);
  return (
    <ClientForm onSubmit={handleSubmit(submit)} noValidate className="mt-2">
      <FormAlert message={message} />
      <TextAreaField
        id={`review-note-${itemId}`}
        label="Note to the vendor"
        hint="Required when you reopen the item."
        rows={2}
        error={formState.errors.note?.message}
        {...register("note")}
      />
      <div className="flex gap-2">
        <Button type="submit" onClick={() => (accept.current = true)} disabled={formState.isSubmitting}>
          Accept
        </Button>
        <Button type="submit" variant="secondary" onClick={() => (accept.current = false)} disabled={formState.isSubmitting}>
          Reopen
        </Button>
      </div>
    </ClientForm>
  );
}

export function PublishReportButton({ attestationId }: { attestationId: string }) {
  const router = useRouter();
  return (
    <ActionButton
      label="Publish the report"
      busyLabel="Publishing…"
      failure="The report could not be published."
      run={() => publishReportAction({ attestationId })}
      onDone={({ reportId }) => router.push(`/reports/${reportId}`)}
    />
  );
}
