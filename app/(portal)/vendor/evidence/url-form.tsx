"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { z } from "zod";
import type { urlEvidenceSchema, UrlEvidenceInput } from "@/lib/validations/vendor";
import { LINK_EVIDENCE_KINDS } from "@/lib/validations/vendor-labels";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createUrlEvidenceAction } from "./actions";
import { MetaFields } from "./meta-fields";

const resolver = lazyZodResolver<UrlEvidenceInput, z.output<typeof urlEvidenceSchema>>(() =>
  import("@/lib/validations/vendor").then((m) => m.urlEvidenceSchema),
);

export function UrlEvidenceForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<UrlEvidenceInput, unknown, z.output<typeof urlEvidenceSchema>>({
    resolver,
    defaultValues: { title: "", description: "", kind: "url", url: "", evidenceDate: "", validUntil: "", classification: "reviewers_only" },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await createUrlEvidenceAction(values);
    if (result.ok) {
      router.push(`/vendor/evidence/${result.data.id}`);
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-xl">
      <FormAlert message={formError} />
      <TextField id="url-title" label="Title" required error={e.title?.message} {...register("title")} />
      <TextField
        id="url-url"
        type="url"
        label="Address"
        required
        hint="A page reviewers can open, e.g. your published deployment policy."
        error={e.url?.message}
        {...register("url")}
      />
      <TextAreaField id="url-description" label="Description" rows={2} error={e.description?.message} {...register("description")} />
      <MetaFields prefix="url-" register={register} errors={e} kinds={LINK_EVIDENCE_KINDS} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Adding…" : "Add link"}
      </Button>
    </ClientForm>
  );
}
