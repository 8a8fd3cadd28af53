"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { SignInput } from "@/lib/validations/vendor";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { useStepUp } from "@/components/auth/step-up";
import { createRevisionAction, submitAttestationAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<SignInput>(() => import("@/lib/validations/vendor").then((m) => m.signSchema));

export function SignForm({ attestationId, statement, defaultName }: { attestationId: string; statement: string; defaultName: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const stepUp = useStepUp();
  const { register, handleSubmit, formState, setError } = useForm<SignInput>({
    resolver,
    defaultValues: { attestationId, signerName: defaultName, signerTitle: "", confirm: false as unknown as true },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await stepUp.guard(() => submitAttestationAction(values));
    if (result.ok) {
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-xl">
      {stepUp.dialog}
      <FormAlert message={formError} />
      <blockquote id="statement" className="mb-4 border-l-4 border-brand-700 bg-gray-50 p-3 text-sm">
        {statement}
      </blockquote>
      <TextField
        id="signerName"
        label="Your full name (typed signature)"
        required
        autoComplete="name"
        error={e.signerName?.message}
        {...register("signerName")}
      />
      <TextField
        id="signerTitle"
        label="Your title"
        required
        autoComplete="organization-title"
        hint="e.g. Chief Executive Officer, or the designee with authority to bind the organisation."
        error={e.signerTitle?.message}
        {...register("signerTitle")}
      />
      <div className="mb-4 flex items-start gap-2">
        <input
          id="confirm"
          type="checkbox"
          className="mt-1 h-5 w-5"
          aria-invalid={e.confirm ? true : undefined}
          aria-describedby={e.confirm ? "statement confirm-error" : "statement"}
          {...register("confirm")}
        />
        <label htmlFor="confirm" className="font-semibold">
          I confirm the attestation statement above, including that it binds future versions until withdrawn and that we will notify if these practices lapse.
        </label>
      </div>
      {e.confirm ? (
        <p id="confirm-error" className="-mt-3 mb-4 text-sm font-medium text-red-700">
          {e.confirm.message}
        </p>
      ) : null}
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing…" : "Sign and submit"}
      </Button>
    </ClientForm>
  );
}

export function CreateRevisionButton({ attestationId, label = "Start the requested revision" }: { attestationId: string; label?: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div>
      <FormAlert message={message} />
      <Button
        variant="secondary"
        disabled={pending}
        onClick={async () => {
          setPending(true);
          const r = await createRevisionAction({ attestationId });
          setPending(false);
          if (r.ok) router.push(`/vendor/attestations/${r.data.id}`);
          else setMessage(r.formError ?? "The revision could not be created.");
        }}
      >
        {label}
      </Button>
    </div>
  );
}
