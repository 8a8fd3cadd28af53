"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { saveScoreAction, submitScorecardAction } from "../actions";

type Values = { score: string; rationale: string };

/**
 * One control's score: a level from 0 to 4, each with its rubric descriptor,
 * and a rationale (required where the rules say). Saved on "Save"; what was
 * typed stays in the form when the server refuses it.
 */
export function ScoreForm(props: {
  attestationId: string;
  controlId: string;
  rubric: string[];
  selfAssessment: number | null;
  initial: { score: number | null; rationale: string; version: number };
  editable: boolean;
  nextHref: string | null;
  needsRationaleAt: number[];
}) {
  const router = useRouter();
  const [version, setVersion] = useState(props.initial.version);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<Values>({
    defaultValues: { score: props.initial.score === null ? "" : String(props.initial.score), rationale: props.initial.rationale },
  });
  const score = useWatch({ control, name: "score" });
  const needsRationale = score !== "" && props.needsRationaleAt.includes(Number(score));
  const save = (andNext: boolean) =>
    handleSubmit(async (values) => {
      setMessage(null);
      if (values.score === "") return setError("score", { message: "Choose a score from 0 to 4." }, { shouldFocus: true });
      const result = await saveScoreAction({
        attestationId: props.attestationId,
        controlId: props.controlId,
        score: Number(values.score),
        rationale: values.rationale,
        version,
      });
      if (result.ok) {
        setVersion(result.data.version);
        setMessage({ text: "Score saved.", tone: "success" });
        if (andNext && props.nextHref) router.push(props.nextHref);
        else router.refresh();
        return;
      }
      applyFieldErrors(result, setError);
      setMessage({ text: result.formError ?? "Check the fields marked below.", tone: "error" });
    });
  return (
    <ClientForm onSubmit={save(true)} noValidate>
      <FormAlert message={message?.text} tone={message?.tone} />
      <fieldset className="mb-4" disabled={!props.editable} aria-describedby={formState.errors.score ? "score-error" : undefined}>
        <legend className="text-sm font-semibold">
          Score{props.selfAssessment !== null ? ` (the vendor assessed itself at ${props.selfAssessment})` : ""}
        </legend>
        <ul className="mt-2 space-y-1">
          {[0, 1, 2, 3, 4].map((level) => (
            <li key={level}>
              <label className="flex min-h-10 items-start gap-2 rounded border border-gray-200 p-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                <input type="radio" value={String(level)} className="mt-1 h-5 w-5 shrink-0" {...register("score")} />
                <span>
                  <span className="font-semibold">{level}</span> {props.rubric[level] ? `— ${props.rubric[level]}` : ""}
                </span>
              </label>
            </li>
          ))}
        </ul>
        {formState.errors.score ? (
          <p id="score-error" className="mt-1 text-sm font-medium text-red-700">
            {formState.errors.score.message}
          </p>
        ) : null}
      </fieldset>
      <TextAreaField
        id="rationale"
        label={needsRationale ? "Rationale (required for this score)" : "Rationale"}
        hint="Required for scores of 2 or less, and when your score is 2 or more away from the vendor's self-assessment."
        rows={4}
        disabled={!props.editable}
        required={needsRationale}
        error={formState.errors.rationale?.message}
        {...register("rationale")}
      />
      {props.editable ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : props.nextHref ? "Save and go on" : "Save"}
          </Button>
          <Button variant="secondary" disabled={formState.isSubmitting} onClick={save(false)}>
            Save
          </Button>
        </div>
      ) : null}
    </ClientForm>
  );
}

export function SubmitScorecard({ attestationId, ready, remaining }: { attestationId: string; ready: boolean; remaining: number }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div>
      <FormAlert message={error} />
      {!ready ? (
        <p className="mb-2 text-sm">
          {remaining} {remaining === 1 ? "control is" : "controls are"} still unscored.
        </p>
      ) : null}
      <Button
        disabled={busy || !ready}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const result = await submitScorecardAction({ attestationId });
          setBusy(false);
          if (result.ok) router.refresh();
          else setError(result.formError ?? "The scorecard could not be submitted.");
        }}
      >
        {busy ? "Submitting…" : "Submit scorecard"}
      </Button>
    </div>
  );
}

/** "[" previous, "]" next, "u" next unscored, when the focus is not in a text field. */
export function ScoreKeys({ prev, next, unscored }: { prev: string | null; next: string | null; unscored: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing =
        t &&
        (t.isContentEditable ||
          ["TEXTAREA", "SELECT"].includes(t.tagName) ||
          (t.tagName === "INPUT" && !["radio", "checkbox"].includes((t as HTMLInputElement).type)));
      if (e.altKey || e.ctrlKey || e.metaKey || typing) return;
      const to = e.key === "[" ? prev : e.key === "]" ? next : e.key === "u" ? unscored : null;
      if (to) {
        e.preventDefault();
        router.push(to);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [prev, next, unscored, router]);
  return (
    <p className="sr-only" aria-live="polite">
      Keyboard: [ previous control, ] next control, u next unscored control.
    </p>
  );
}
