"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { DomainInput } from "@/lib/validations/catalog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createDomainAction, deleteDomainAction, updateDomainAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<DomainInput>(() => import("@/lib/validations/catalog").then((m) => m.domainFormSchema));

/** Adds a domain (no `initial`) or edits one. */
export function DomainForm({ versionId, initial }: { versionId: string; initial?: DomainInput }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, reset } = useForm<DomainInput>({
    resolver,
    defaultValues: initial ?? { key: "", title: "", description: "" },
  });
  const p = initial ? "domain" : "new-domain";

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const r = initial ? await updateDomainAction({ ...values, versionId, currentKey: initial.key }) : await createDomainAction({ ...values, versionId });
    if (r.ok) {
      if (initial) router.push(`/admin/catalog/${versionId}`);
      else reset();
      router.refresh();
      return;
    }
    applyFieldErrors(r, setError);
    setFormError(r.formError ?? "Check the fields marked below.");
  });

  const onDelete = async () => {
    if (!initial || !window.confirm(`Delete domain ${initial.key} and every control in it?`)) return;
    const r = await deleteDomainAction({ versionId, key: initial.key });
    if (r.ok) {
      router.push(`/admin/catalog/${versionId}`);
      router.refresh();
    } else setFormError(r.formError ?? "The domain was not deleted.");
  };

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-2xl">
      <FormAlert message={formError} />
      <TextField
        id={`${p}-key`}
        label="Key"
        required
        hint="2 to 10 capitals or digits, e.g. ROL. Control ids usually include it."
        error={formState.errors.key?.message}
        {...register("key")}
      />
      <TextField id={`${p}-title`} label="Title" required error={formState.errors.title?.message} {...register("title")} />
      <TextAreaField id={`${p}-description`} label="Description" rows={3} error={formState.errors.description?.message} {...register("description")} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : initial ? "Save domain" : "Add domain"}
        </Button>
        {initial ? (
          <Button variant="danger" onClick={() => void onDelete()}>
            Delete domain
          </Button>
        ) : null}
      </div>
    </ClientForm>
  );
}
