"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { Role } from "@/lib/auth/roles";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { setMfaPolicyAction } from "./actions";

type Row = { role: Role; label: string; required: boolean };

export function PolicyForm({ roles }: { roles: Row[] }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const { register, handleSubmit, formState } = useForm<Record<Role, boolean>>({
    defaultValues: Object.fromEntries(roles.map((r) => [r.role, r.required])) as Record<Role, boolean>,
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const required = roles.filter((r) => values[r.role]).map((r) => r.role);
    const result = await setMfaPolicyAction({ required });
    if (!result.ok) return setMessage({ text: result.formError ?? "The policy was not saved.", tone: "error" });
    setMessage({ text: result.data.changed.length ? "Saved. It applies from each person's next sign-in." : "Nothing changed.", tone: "success" });
    router.refresh();
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate>
      <FormAlert message={message?.text} tone={message?.tone} />
      <fieldset className="mb-4">
        <legend className="mb-2 font-semibold">A second factor is required for</legend>
        <ul className="space-y-2">
          {roles.map((r) => (
            <li key={r.role} className="flex items-center gap-2">
              <input id={`policy-${r.role}`} type="checkbox" className="h-5 w-5" {...register(r.role)} />
              <label htmlFor={`policy-${r.role}`}>{r.label}</label>
            </li>
          ))}
        </ul>
      </fieldset>
      <p className="mb-4 text-sm text-muted">
        Sessions already open keep going. At their next sign-in, people in a required role who have no factor are led through setting one up and can do nothing
        else until they have. Anyone who has set up a factor is always asked for it.
      </p>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save policy"}
      </Button>
    </ClientForm>
  );
}
