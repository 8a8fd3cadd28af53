"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useFieldArray, useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { EVIDENCE_KINDS, MAPPING_SCHEMES, UPDATE_CHANNELS } from "@/lib/catalog/constants";
import { CHANNEL_LABELS, LEVEL_LABELS, MAPPING_SCHEME_LABELS } from "@/lib/validations/catalog-labels";
import { EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor-labels";
import type { ControlInput } from "@/lib/validations/catalog";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createControlAction, deleteControlAction, updateControlAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<ControlInput>(() => import("@/lib/validations/catalog").then((m) => m.controlFormSchema));

type Props = { versionId: string; domains: { key: string; title: string }[]; initial: ControlInput; isNew: boolean };

function GroupError({ id, message }: { id: string; message?: string }) {
  return message ? (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      {message}
    </p>
  ) : null;
}

/** Every field of a control, rubric and mappings included. Descriptors may stay empty while drafting; publishing needs all five. */
export function ControlForm({ versionId, domains, initial, isNew }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<ControlInput>({ resolver, defaultValues: initial });
  const mappings = useFieldArray({ control, name: "mappings" });
  const e = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const r = isNew ? await createControlAction({ ...values, versionId }) : await updateControlAction({ ...values, versionId, currentId: initial.id });
    if (r.ok) {
      router.push(`/admin/catalog/${versionId}`);
      router.refresh();
      return;
    }
    applyFieldErrors(r, setError);
    setFormError(r.formError ?? "Check the fields marked below.");
  });

  const onDelete = async () => {
    if (!window.confirm(`Delete control ${initial.id} from this draft?`)) return;
    const r = await deleteControlAction({ versionId, controlId: initial.id });
    if (r.ok) {
      router.push(`/admin/catalog/${versionId}`);
      router.refresh();
    } else setFormError(r.formError ?? "The control was not deleted.");
  };

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-3xl">
      <FormAlert message={formError} />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="c-id" label="Control id" required hint="Stable across versions, e.g. SDP-ROL-03." error={e.id?.message} {...register("id")} />
        <SelectField id="c-domain" label="Domain" required error={e.domainKey?.message} {...register("domainKey")}>
          {domains.map((d) => (
            <option key={d.key} value={d.key}>
              {d.key} — {d.title}
            </option>
          ))}
        </SelectField>
      </div>
      <TextField id="c-title" label="Title" required error={e.title?.message} {...register("title")} />
      <TextAreaField id="c-statement" label="Requirement statement" required rows={4} error={e.statement?.message} {...register("statement")} />
      <TextAreaField id="c-vendor" label="Guidance for vendors" rows={4} error={e.vendorGuidance?.message} {...register("vendorGuidance")} />
      <TextAreaField id="c-reviewer" label="Guidance for reviewers" rows={4} error={e.reviewerGuidance?.message} {...register("reviewerGuidance")} />

      <fieldset className="mb-4 rounded-lg border border-gray-300 p-4" aria-describedby={e.channels ? "c-channels-error" : undefined}>
        <legend className="px-1 font-semibold">Applicability</legend>
        {UPDATE_CHANNELS.map((ch) => (
          <label key={ch} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={ch} className="h-5 w-5" {...register("channels")} /> {CHANNEL_LABELS[ch]}
          </label>
        ))}
        <GroupError id="c-channels-error" message={e.channels?.message} />
        <label className="mt-2 flex items-center gap-2 text-sm">
          <input type="checkbox" className="h-5 w-5" {...register("kernelOnly")} /> Only for products with kernel-mode components
        </label>
      </fieldset>

      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField
          id="c-weight"
          label="Weight (1 to 5)"
          required
          type="number"
          min={1}
          max={5}
          step={1}
          error={e.weight?.message}
          {...register("weight", { valueAsNumber: true })}
        />
        <div className="mb-4 flex items-center gap-2 sm:mt-7">
          <input id="c-must" type="checkbox" className="h-5 w-5" aria-describedby="c-must-hint" {...register("must")} />
          <label htmlFor="c-must" className="text-sm font-semibold">
            Must control
          </label>
          <span id="c-must-hint" className="text-sm text-muted">
            (a score of 0 caps the decision)
          </span>
        </div>
      </div>

      <fieldset className="mb-4 rounded-lg border border-gray-300 p-4" aria-describedby={e.evidenceKinds ? "c-evidence-error" : undefined}>
        <legend className="px-1 font-semibold">Evidence expected</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {EVIDENCE_KINDS.map((k) => (
            <label key={k} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={k} className="h-5 w-5" {...register("evidenceKinds")} /> {EVIDENCE_KIND_LABELS[k]}
            </label>
          ))}
        </div>
        <GroupError id="c-evidence-error" message={e.evidenceKinds?.message} />
      </fieldset>

      <fieldset className="mb-4 rounded-lg border border-gray-300 p-4">
        <legend className="px-1 font-semibold">Rubric: what a reviewer must see for each level</legend>
        {LEVEL_LABELS.map((label, level) => (
          <TextAreaField
            key={label}
            id={`c-rubric-${level}`}
            label={`Level ${label}`}
            rows={2}
            error={e.rubric?.[level]?.message}
            {...register(`rubric.${level}` as const)}
          />
        ))}
      </fieldset>

      <fieldset className="mb-4 rounded-lg border border-gray-300 p-4">
        <legend className="px-1 font-semibold">Mappings to external references</legend>
        {mappings.fields.length === 0 ? <p className="mb-2 text-sm text-muted">No mappings.</p> : null}
        {mappings.fields.map((f, i) => (
          <div key={f.id} className="mb-3 grid gap-x-3 border-b border-gray-200 pb-2 sm:grid-cols-[1fr_1fr_2fr_auto] sm:items-end">
            <SelectField
              id={`c-map-${i}-scheme`}
              label={`Mapping ${i + 1} scheme`}
              error={e.mappings?.[i]?.scheme?.message}
              {...register(`mappings.${i}.scheme` as const)}
            >
              {MAPPING_SCHEMES.map((s) => (
                <option key={s} value={s}>
                  {MAPPING_SCHEME_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <TextField
              id={`c-map-${i}-ref`}
              label={`Mapping ${i + 1} reference`}
              error={e.mappings?.[i]?.ref?.message}
              {...register(`mappings.${i}.ref` as const)}
            />
            <TextField
              id={`c-map-${i}-note`}
              label={`Mapping ${i + 1} note`}
              error={e.mappings?.[i]?.note?.message}
              {...register(`mappings.${i}.note` as const)}
            />
            <Button variant="secondary" className="mb-4" onClick={() => mappings.remove(i)} aria-label={`Remove mapping ${i + 1}`}>
              Remove
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => mappings.append({ scheme: "nist-ssdf", ref: "", note: "" })}>
          Add mapping
        </Button>
      </fieldset>

      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : isNew ? "Add control" : "Save control"}
        </Button>
        <Button variant="secondary" onClick={() => router.push(`/admin/catalog/${versionId}`)}>
          Cancel
        </Button>
        {!isNew ? (
          <Button variant="danger" onClick={() => void onDelete()}>
            Delete control
          </Button>
        ) : null}
      </div>
    </ClientForm>
  );
}
