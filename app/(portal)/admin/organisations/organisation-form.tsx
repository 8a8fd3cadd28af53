"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { OrganisationInput } from "@/lib/validations/admin";
import { ORG_KINDS, ORG_KIND_LABELS } from "@/lib/auth/roles";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createOrganisationAction, updateOrganisationAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<OrganisationInput>(() => import("@/lib/validations/admin").then((m) => m.organisationSchema));

export function OrganisationForm({ initial }: { initial?: OrganisationInput & { id: string } }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<OrganisationInput>({
    resolver,
    defaultValues: initial ? { name: initial.name, kind: initial.kind } : { name: "", kind: undefined },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = initial ? await updateOrganisationAction({ ...values, id: initial.id }) : await createOrganisationAction(values);
    if (result.ok) {
      router.push("/admin/organisations");
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-lg">
      <FormAlert message={formError} />
      <TextField id="name" label="Name" required autoComplete="organization" error={formState.errors.name?.message} {...register("name")} />
      <SelectField
        id="kind"
        label="Kind"
        required
        hint="The kind decides which roles its people can hold."
        error={formState.errors.kind?.message}
        {...register("kind")}
      >
        <option value="">Choose…</option>
        {ORG_KINDS.map((k) => (
          <option key={k} value={k}>
            {ORG_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <div className="flex gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : initial ? "Save changes" : "Create organisation"}
        </Button>
        <Button variant="secondary" onClick={() => router.push("/admin/organisations")}>
          Cancel
        </Button>
      </div>
    </ClientForm>
  );
}
