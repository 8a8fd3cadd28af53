"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { SignInInput } from "@/lib/validations/auth";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { signInAction } from "../actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<SignInInput>(() => import("@/lib/validations/auth").then((m) => m.signInSchema));

export function LoginForm({ next }: { next?: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setValue, setFocus } = useForm<SignInInput>({
    resolver,
    defaultValues: { email: "", password: "" },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await signInAction({ ...values, next });
    if (result.ok) {
      router.replace(result.data.redirectTo);
      router.refresh();
      return;
    }
    // Keep the email; clear only the password.
    setValue("password", "");
    setFormError(result.formError ?? "Sign-in failed.");
    setFocus("password");
  });

  return (
    // method="post": a submit before the page has hydrated must never put the password in the address.
    <ClientForm method="post" onSubmit={onSubmit} onFocus={resolver.preload} noValidate>
      <FormAlert message={formError} />
      <TextField
        id="email"
        label="Email address"
        type="email"
        autoComplete="username"
        required
        error={formState.errors.email?.message}
        {...register("email")}
      />
      <TextField
        id="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <Button type="submit" className="w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
    </ClientForm>
  );
}
