"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { z } from "zod";
import { CLARIFICATION_BODY_MAX } from "@/lib/validations/clarification-limits";
import type { askClarificationSchema, answerClarificationSchema, replyClarificationSchema } from "@/lib/validations/clarifications";
import type { AnswerClarificationInput, AskClarificationInput, ReplyClarificationInput } from "@/lib/validations/clarifications";
import type { ActionResult } from "@/lib/result";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { formatNumber } from "@/lib/format";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { EvidenceSearch } from "@/components/evidence/evidence-search";
import { askClarificationAction, replyClarificationAction, resolveClarificationAction } from "@/app/(portal)/review/[attestationId]/clarifications/actions";
import { answerClarificationAction } from "@/app/(portal)/vendor/attestations/[id]/questions/actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const askResolver = lazyZodResolver<AskClarificationInput, z.output<typeof askClarificationSchema>>(() =>
  import("@/lib/validations/clarifications").then((m) => m.askClarificationSchema),
);
const replyResolver = lazyZodResolver<ReplyClarificationInput, z.output<typeof replyClarificationSchema>>(() =>
  import("@/lib/validations/clarifications").then((m) => m.replyClarificationSchema),
);
const answerResolver = lazyZodResolver<AnswerClarificationInput, z.output<typeof answerClarificationSchema>>(() =>
  import("@/lib/validations/clarifications").then((m) => m.answerClarificationSchema),
);

const LENGTH_HINT = `Up to ${formatNumber(CLARIFICATION_BODY_MAX)} characters.`;

/** The form-level message of a failure: a hidden field's error (an id) has no place beside a field, so it goes here. */
function failureMessage(result: ActionResult<unknown>, hidden: readonly string[]): string {
  if (result.ok) return "";
  for (const key of hidden) {
    const m = result.fieldErrors?.[key]?.[0];
    if (m) return m;
  }
  return result.formError ?? "Check the fields marked below.";
}

function Sent({ message }: { message: string | null }) {
  return (
    <p role="status" className="mt-2 text-sm text-green-900">
      {message}
    </p>
  );
}

type ControlOption = { id: string; ref: string; title: string };

/**
 * Panel side: ask the vendor a new question, about one fixed control
 * (`controlId`) or about a control chosen from `controls`. `label` names the
 * control (or the choice) for the form's accessible name.
 */
export function AskClarificationForm({
  attestationId,
  controlId,
  controls,
  label,
}: {
  attestationId: string;
  controlId?: string;
  controls?: readonly ControlOption[];
  label: string;
}) {
  const router = useRouter();
  const uid = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const defaults = { attestationId, controlId: controlId ?? "", body: "" };
  const { register, handleSubmit, formState, setError, reset, getValues } = useForm<AskClarificationInput, unknown, z.output<typeof askClarificationSchema>>({
    resolver: askResolver,
    defaultValues: defaults,
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSent(null);
    const result = await askClarificationAction(values);
    if (result.ok) {
      reset({ ...defaults, controlId: controlId ?? getValues("controlId") });
      setSent("Question sent. The vendor's compliance officers have been notified.");
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(failureMessage(result, ["attestationId"]));
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={askResolver.preload} noValidate className="mt-3 max-w-2xl" aria-label={`Ask the vendor about ${label}`}>
      <FormAlert message={formError} />
      {controlId ? null : (
        <SelectField id={`${uid}-control`} label="Control" required error={e.controlId?.message} {...register("controlId")}>
          <option value="">Choose a control</option>
          {(controls ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.ref} {c.title}
            </option>
          ))}
        </SelectField>
      )}
      <TextAreaField
        id={`${uid}-body`}
        label={controlId ? `Question for the vendor about ${label}` : "Question for the vendor"}
        required
        rows={4}
        hint={`The vendor's compliance officers are notified and answer here. ${LENGTH_HINT}`}
        error={e.body?.message}
        {...register("body")}
      />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Send question"}
      </Button>
      <Sent message={sent} />
    </ClientForm>
  );
}

/** Panel side: a follow-up on a question that is not resolved; it waits for the vendor again. */
export function ReplyForm({ clarificationId, questionLabel }: { clarificationId: string; questionLabel: string }) {
  const router = useRouter();
  const uid = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<ReplyClarificationInput, unknown, z.output<typeof replyClarificationSchema>>({
    resolver: replyResolver,
    defaultValues: { clarificationId, body: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await replyClarificationAction(values);
    if (result.ok) {
      reset({ clarificationId, body: "" });
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(failureMessage(result, ["clarificationId"]));
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={replyResolver.preload} noValidate className="mt-2" aria-label={`Follow up on ${questionLabel}`}>
      <FormAlert message={formError} />
      <TextAreaField
        id={`${uid}-body`}
        label="Follow-up for the vendor"
        required
        rows={3}
        hint={`The question goes back to waiting for the vendor. ${LENGTH_HINT}`}
        error={formState.errors.body?.message}
        {...register("body")}
      />
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Send follow-up"}
      </Button>
    </ClientForm>
  );
}

/** Panel side: close a question, answered to the panel's satisfaction or no longer needed. */
export function ResolveButton({ clarificationId, questionLabel }: { clarificationId: string; questionLabel: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const resolve = () =>
    start(async () => {
      setError(null);
      const result = await resolveClarificationAction({ clarificationId });
      if (result.ok) router.refresh();
      else setError(failureMessage(result, ["clarificationId"]));
    });
  return (
    <div className="mt-2">
      <FormAlert message={error} />
      <Button variant="secondary" disabled={pending} onClick={resolve} aria-label={`Mark ${questionLabel} as resolved`}>
        {pending ? "Resolving…" : "Mark as resolved"}
      </Button>
    </div>
  );
}

type Attached = { id: string; title: string };

/** Vendor side, for compliance officers: answer, optionally attaching one current item of the vault. */
export function AnswerForm({ clarificationId, questionLabel, today }: { clarificationId: string; questionLabel: string; today: string }) {
  const router = useRouter();
  const uid = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const [attached, setAttached] = useState<Attached | null>(null);
  const [searching, setSearching] = useState(false);
  const defaults = { clarificationId, body: "", evidenceId: "" };
  const { register, handleSubmit, formState, setError, reset, setValue, clearErrors } = useForm<
    AnswerClarificationInput,
    unknown,
    z.output<typeof answerClarificationSchema>
  >({ resolver: answerResolver, defaultValues: defaults });
  const e = formState.errors;
  const attach = (item: Attached | null) => {
    setAttached(item);
    setValue("evidenceId", item?.id ?? "");
    clearErrors("evidenceId");
    setSearching(false);
  };
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await answerClarificationAction(values);
    if (result.ok) {
      reset(defaults);
      setAttached(null);
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(failureMessage(result, ["clarificationId"]));
  });
  const evidenceError = e.evidenceId?.message;
  return (
    <ClientForm onSubmit={onSubmit} onFocus={answerResolver.preload} noValidate className="mt-2" aria-label={`Answer ${questionLabel}`}>
      <FormAlert message={formError} />
      <TextAreaField
        id={`${uid}-body`}
        label="Your answer for the review panel"
        required
        rows={4}
        hint={`The panel members are notified. Your signed submission does not change. ${LENGTH_HINT}`}
        error={e.body?.message}
        {...register("body")}
      />
      <input type="hidden" {...register("evidenceId")} />
      <div className="mb-4" role="group" aria-labelledby={`${uid}-ev`} aria-describedby={evidenceError ? `${uid}-ev-error` : undefined}>
        <p id={`${uid}-ev`} className="text-sm font-semibold">
          Evidence (optional)
        </p>
        {attached ? (
          <p className="flex flex-wrap items-center gap-2 text-sm">
            <span className="break-words">Attached: {attached.title}</span>
            <Button variant="link" onClick={() => attach(null)} aria-label={`Remove ${attached.title} from the answer`}>
              Remove
            </Button>
          </p>
        ) : searching ? (
          <EvidenceSearch
            searchLabel={`Find evidence to attach to the answer to ${questionLabel}`}
            resultsLabel="Matching evidence"
            chooseText="Attach"
            today={today}
            onChoose={(r) => attach({ id: r.id, title: r.title })}
            onClose={() => setSearching(false)}
          />
        ) : (
          <Button variant="secondary" onClick={() => setSearching(true)}>
            Attach evidence from your vault
          </Button>
        )}
        <p className="text-xs text-muted">The item&apos;s current version is recorded with the answer. Attaching it does not link it to the attestation.</p>
        {evidenceError ? (
          <p id={`${uid}-ev-error`} className="mt-1 text-sm font-medium text-red-700">
            {evidenceError}
          </p>
        ) : null}
      </div>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Send answer"}
      </Button>
    </ClientForm>
  );
}
