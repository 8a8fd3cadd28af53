"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { z } from "zod";
import { updateEvidenceAction } from "@/app/(portal)/vendor/evidence/actions";
import type { updateEvidenceSchema, UpdateEvidenceInput } from "@/lib/validations/vendor";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor-labels";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";

export type EditableEvidence = {
  id: string;
  title: string;
  description: string;
  kind: string;
  evidenceDate: string | null;
  validUntil: string | null;
  classification: "reviewers_only" | "publishable";
};

/**
 * An item's details: title, description, kind, dates and visibility. Used on
 * the item's page and beside each file right after an upload. What the person
 * typed stays in the form when the server refuses it.
 */
const resolver = lazyZodResolver<UpdateEvidenceInput, z.output<typeof updateEvidenceSchema>>(() =>
  import("@/lib/validations/vendor").then((m) => m.updateEvidenceSchema),
);

export function EvidenceEditForm({ item, kinds, idPrefix, label }: { item: EditableEvidence; kinds: readonly string[]; idPrefix: string; label: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<UpdateEvidenceInput, unknown, z.output<typeof updateEvidenceSchema>>({
    resolver,
    defaultValues: {
      evidenceId: item.id,
      title: item.title,
      description: item.description,
      kind: item.kind as UpdateEvidenceInput["kind"],
      classification: item.classification,
      evidenceDate: item.evidenceDate ?? "",
      validUntil: item.validUntil ?? "",
    },
  });
  const e = formState.errors;
  const id = (f: string) => `${idPrefix}${f}`;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(null);
    const result = await updateEvidenceAction(values);
    if (result.ok) {
      setSaved(result.data.changed.length ? "Details saved." : "Nothing had changed.");
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate aria-label={label}>
      <FormAlert message={formError} />
      <input type="hidden" {...register("evidenceId")} />
      <TextField id={id("title")} label="Title" required error={e.title?.message} {...register("title")} />
      <TextAreaField id={id("description")} label="Description" rows={2} error={e.description?.message} {...register("description")} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id={id("kind")} label="Kind" required error={e.kind?.message} {...register("kind")}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {EVIDENCE_KIND_LABELS[k as keyof typeof EVIDENCE_KIND_LABELS] ?? k}
            </option>
          ))}
        </SelectField>
        <SelectField id={id("classification")} label="Who may see it" error={e.classification?.message} {...register("classification")}>
          {CLASSIFICATIONS.map((c) => (
            <option key={c} value={c}>
              {CLASSIFICATION_LABELS[c]}
            </option>
          ))}
        </SelectField>
        <TextField id={id("evidenceDate")} type="date" label="Date the evidence describes" error={e.evidenceDate?.message} {...register("evidenceDate")} />
        <TextField id={id("validUntil")} type="date" label="Valid until (optional)" error={e.validUntil?.message} {...register("validUntil")} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Save details"}
        </Button>
        <p aria-live="polite" className="text-sm text-muted">
          {saved}
        </p>
      </div>
    </ClientForm>
  );
}
