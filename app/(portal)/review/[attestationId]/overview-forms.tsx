"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { z } from "zod";
import type { declareConflictSchema, requestChangesSchema } from "@/lib/validations/review";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { declareConflictAction, requestChangesAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const conflictResolver = lazyZodResolver<z.input<typeof declareConflictSchema>>(() =>
  import("@/lib/validations/review").then((m) => m.declareConflictSchema as never),
);
const requestChangesResolver = lazyZodResolver<z.input<typeof requestChangesSchema>>(() =>
  import("@/lib/validations/review").then((m) => m.requestChangesSchema as never),
);

export function ConflictForm({ attestationId, vendor }: { attestationId: string; vendor: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [left, setLeft] = useState(false);
  const { register, handleSubmit, formState, setError, control } = useForm<z.input<typeof declareConflictSchema>>({
    resolver: conflictResolver,
    defaultValues: { attestationId, hasConflict: undefined, note: "" },
  });
  const has = String(useWatch({ control, name: "hasConflict" })) === "true";
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await declareConflictAction(values as z.input<typeof declareConflictSchema>);
    if (result.ok) {
      if (result.data.seated) router.refresh();
      else setLeft(true);
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  if (left) return <p role="status">You have declared a conflict and left this panel. The administrators have been told.</p>;
  return (
    <ClientForm onSubmit={onSubmit} onFocus={conflictResolver.preload} noValidate className="max-w-xl">
      <FormAlert message={formError} />
      <fieldset className="mb-4">
        <legend className="text-sm font-semibold">Do you have a conflict of interest with {vendor}?</legend>
        <label className="mt-2 flex min-h-10 items-center gap-2">
          <input type="radio" className="h-5 w-5 shrink-0" value="false" {...register("hasConflict")} />
          No, I have no conflict of interest
        </label>
        <label className="flex min-h-10 items-center gap-2">
          <input type="radio" className="h-5 w-5 shrink-0" value="true" {...register("hasConflict")} />
          Yes, I have a conflict of interest
        </label>
        {formState.errors.hasConflict ? <p className="mt-1 text-sm font-medium text-red-700">{formState.errors.hasConflict.message}</p> : null}
      </fieldset>
      <TextAreaField
        id="note"
        label={has ? "Describe the conflict" : "Note (optional)"}
        rows={3}
        error={formState.errors.note?.message}
        {...register("note")}
      />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Declare"}
      </Button>
    </ClientForm>
  );
}

export function RequestChangesForm({ attestationId }: { attestationId: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<z.input<typeof requestChangesSchema>>({
    resolver: requestChangesResolver,
    defaultValues: { attestationId, message: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await requestChangesAction(values);
    if (result.ok) return router.refresh();
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={requestChangesResolver.preload} noValidate className="max-w-xl">
      <FormAlert message={formError} />
      <TextAreaField id="message" label="What the vendor must change" rows={4} required error={formState.errors.message?.message} {...register("message")} />
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Sending…" : "Request changes"}
      </Button>
    </ClientForm>
  );
}
