"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { apiTokenSchema, type ApiTokenInput } from "@/lib/validations/rollouts";
import { TOKEN_SCOPE_LABELS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createApiTokenAction } from "./actions";

export function TokenForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<ApiTokenInput>({ resolver: zodResolver(apiTokenSchema), defaultValues: { name: "", scopes: ["rollouts:write", "rollouts:read"] } });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await createApiTokenAction(values);
    if (!res.ok) {
      applyFieldErrors(res, setError);
      return setFormError(res.formError ?? "Check the fields marked below.");
    }
    setCreated(res.data.token);
    reset();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="max-w-xl">
      <FormAlert message={formError} />
      {created ? (
        <div role="status" className="mb-4 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-sm">
          <p className="font-semibold">Copy this token now: it will not be shown again.</p>
          <label htmlFor="new-token" className="mt-2 block font-semibold">New API token</label>
          <input id="new-token" readOnly value={created} className="mt-1 block w-full rounded border border-gray-400 bg-white px-2 py-1 font-mono" onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
      <TextField id="token-name" label="Token name" required hint="Name it after what uses it, e.g. release pipeline." error={formState.errors.name?.message} {...register("name")} />
      <fieldset className="mb-4" aria-describedby={formState.errors.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-semibold">Scopes</legend>
        {TOKEN_SCOPE_VALUES.map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm"><input type="checkbox" value={s} {...register("scopes")} /> {TOKEN_SCOPE_LABELS[s]}</label>
        ))}
        {formState.errors.scopes ? <p id="scopes-error" className="mt-1 text-sm font-medium text-red-700">{formState.errors.scopes.message}</p> : null}
      </fieldset>
      <Button type="submit" disabled={formState.isSubmitting}>{formState.isSubmitting ? "Creating…" : "Create token"}</Button>
    </form>
  );
}
