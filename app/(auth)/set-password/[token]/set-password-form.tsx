"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { SetPasswordInput } from "@/lib/validations/auth";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { setPasswordAction } from "../actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<SetPasswordInput>(() => import("@/lib/validations/auth").then((m) => m.setPasswordSchema));

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const { register, handleSubmit, formState, setError } = useForm<SetPasswordInput>({
    resolver,
    defaultValues: { password: "", confirm: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await setPasswordAction({ ...values, token });
    if (result.ok) return setDone(true);
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? null);
  });

  if (done) {
    return (
      <div role="status">
        <p className="mb-4">Your password is set.</p>
        <Link href="/login" className="text-brand-700 underline">
          Sign in now
        </Link>
      </div>
    );
  }
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate>
      <FormAlert message={formError} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        required
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <TextField
        id="confirm"
        label="Repeat the new password"
        type="password"
        autoComplete="new-password"
        required
        error={formState.errors.confirm?.message}
        {...register("confirm")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Set password"}
      </Button>
    </ClientForm>
  );
}
