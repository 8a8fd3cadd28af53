"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { ChangePasswordInput } from "@/lib/validations/auth";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { changePasswordAction } from "./actions";

const resolver = lazyZodResolver<ChangePasswordInput>(() => import("@/lib/validations/auth").then((m) => m.changePasswordSchema));

export function ChangePasswordForm({ email }: { email: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<ChangePasswordInput>({
    resolver,
    defaultValues: { current: "", password: "", confirm: "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await changePasswordAction(values);
    if (result.ok) {
      router.replace("/login");
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? null);
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate>
      <FormAlert message={formError} />
      <input type="hidden" name="username" autoComplete="username" value={email} readOnly />
      <TextField
        id="current"
        label="Current password"
        type="password"
        autoComplete="current-password"
        required
        error={formState.errors.current?.message}
        {...register("current")}
      />
      <TextField
        id="password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters. You will be signed out everywhere and asked to sign in again."
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
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Change password"}
      </Button>
    </ClientForm>
  );
}
