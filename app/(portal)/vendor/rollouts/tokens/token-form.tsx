"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { ApiTokenInput } from "@/lib/validations/rollouts";
import { DEFAULT_TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_DAYS, TOKEN_LIFETIME_LABELS, TOKEN_SCOPE_LABELS, TOKEN_SCOPE_VALUES } from "@/lib/rollouts/scopes";
import { formatDateTime } from "@/lib/format";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { useStepUp } from "@/components/auth/step-up";
import { createApiTokenAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<ApiTokenInput>(() => import("@/lib/validations/rollouts").then((m) => m.apiTokenSchema));

export function TokenForm({ zone }: { zone: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; expiresAt: string } | null>(null);
  const stepUp = useStepUp();
  const { register, handleSubmit, formState, setError, reset } = useForm<ApiTokenInput>({
    resolver,
    defaultValues: { name: "", scopes: ["rollouts:write", "rollouts:read"], lifetimeDays: String(DEFAULT_TOKEN_LIFETIME_DAYS) },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const res = await stepUp.guard(() => createApiTokenAction(values));
    if (!res.ok) {
      applyFieldErrors(res, setError);
      return setFormError(res.formError ?? "Check the fields marked below.");
    }
    setCreated({ token: res.data.token, expiresAt: res.data.expiresAt });
    reset();
    router.refresh();
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-xl">
      {stepUp.dialog}
      <FormAlert message={formError} />
      {created ? (
        <div role="status" className="mb-4 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-sm">
          <p className="font-semibold">Copy this token now: it will not be shown again.</p>
          <label htmlFor="new-token" className="mt-2 block font-semibold">
            New API token
          </label>
          <input
            id="new-token"
            readOnly
            value={created.token}
            className="mt-1 block w-full rounded border border-gray-400 bg-white px-2 py-1 font-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
          <p className="mt-2">It stops working at {formatDateTime(created.expiresAt, zone)}. Create its replacement before then.</p>
        </div>
      ) : null}
      <TextField
        id="token-name"
        label="Token name"
        required
        hint="Name it after what uses it, e.g. release pipeline."
        error={formState.errors.name?.message}
        {...register("name")}
      />
      <fieldset className="mb-4" aria-describedby={formState.errors.scopes ? "scopes-error" : undefined}>
        <legend className="text-sm font-semibold">Scopes</legend>
        {TOKEN_SCOPE_VALUES.map((s) => (
          <label key={s} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={s} {...register("scopes")} /> {TOKEN_SCOPE_LABELS[s]}
          </label>
        ))}
        {formState.errors.scopes ? (
          <p id="scopes-error" className="mt-1 text-sm font-medium text-red-700">
            {formState.errors.scopes.message}
          </p>
        ) : null}
      </fieldset>
      <SelectField
        id="token-lifetime"
        label="Valid for"
        hint="After this the API refuses the token. A shorter life limits the harm a leaked token can do."
        error={formState.errors.lifetimeDays?.message}
        {...register("lifetimeDays")}
      >
        {TOKEN_LIFETIME_DAYS.map((d) => (
          <option key={d} value={d}>
            {TOKEN_LIFETIME_LABELS[d]}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Creating…" : "Create token"}
      </Button>
    </ClientForm>
  );
}
