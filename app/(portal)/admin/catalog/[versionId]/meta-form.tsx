"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { TEST_KINDS } from "@/lib/catalog/constants";
import type { RolloutThresholds } from "@/lib/catalog/schema";
import { TEST_KIND_LABELS } from "@/lib/validations/catalog-labels";
import type { VersionMetaInput } from "@/lib/validations/catalog";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { updateVersionAction } from "../actions";
import { RequirementsFields } from "./requirements-fields";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<VersionMetaInput>(() => import("@/lib/validations/catalog").then((m) => m.versionMetaSchema));

const DEFAULT_THRESHOLDS: RolloutThresholds = {
  maxFirstRingPct: 1,
  minBakeMinutes: { code: 1440, content: 60 },
  maxExposureStepPct: 90,
  maxMinutesToHalt: 30,
  requiredTestKinds: { code: [], content: [] },
};

/** Title, publisher, version string, the rollout policy thresholds and the answer requirements of a draft. */
export function MetaForm({ versionId, initial }: { versionId: string; initial: Omit<VersionMetaInput, "hasThresholds"> }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<VersionMetaInput>({
    resolver,
    shouldUnregister: true,
    defaultValues: { ...initial, hasThresholds: initial.thresholds != null, thresholds: initial.thresholds ?? DEFAULT_THRESHOLDS },
  });
  const hasThresholds = useWatch({ control, name: "hasThresholds" });
  const e = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setSaved(null);
    const r = await updateVersionAction({ ...values, thresholds: values.hasThresholds ? values.thresholds : null, versionId });
    if (r.ok) {
      setSaved("Version details saved.");
      router.refresh();
      return;
    }
    applyFieldErrors(r, setError);
    setFormError(r.formError ?? "Check the fields marked below.");
  });

  const numberField = (name: Parameters<typeof register>[0], id: string, label: string, hint: string, error?: string) => (
    <TextField
      id={id}
      label={label}
      hint={hint}
      type="number"
      inputMode="decimal"
      step="any"
      min={0}
      error={error}
      {...register(name, { valueAsNumber: true })}
    />
  );

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-3xl">
      <FormAlert message={formError} />
      <FormAlert message={saved} tone="success" />
      <div className="grid gap-x-4 sm:grid-cols-2">
        <TextField id="meta-title" label="Title" required error={e.title?.message} {...register("title")} />
        <TextField
          id="meta-version"
          label="Version"
          required
          hint="e.g. 1.1 or 1.2.1; unique within the framework."
          error={e.version?.message}
          {...register("version")}
        />
      </div>
      <TextField id="meta-publisher" label="Publisher" required error={e.publisher?.message} {...register("publisher")} />
      <TextAreaField id="meta-description" label="Description" rows={4} error={e.description?.message} {...register("description")} />
      <div className="mb-4 flex items-center gap-2">
        <input id="meta-has-thresholds" type="checkbox" className="h-5 w-5" {...register("hasThresholds")} />
        <label htmlFor="meta-has-thresholds" className="text-sm font-semibold">
          This framework sets rollout policy thresholds
        </label>
      </div>
      {hasThresholds ? (
        <fieldset className="mb-4 rounded-lg border border-gray-300 p-4">
          <legend className="px-1 font-semibold">Rollout policy thresholds</legend>
          <div className="grid gap-x-4 sm:grid-cols-2">
            {numberField(
              "thresholds.maxFirstRingPct",
              "th-first-ring",
              "Largest first ring (% of fleet)",
              "Share of the fleet allowed in the first production ring.",
              e.thresholds?.maxFirstRingPct?.message,
            )}
            {numberField(
              "thresholds.maxExposureStepPct",
              "th-step",
              "Largest exposure step (percentage points)",
              "Largest increase in exposure between consecutive rings.",
              e.thresholds?.maxExposureStepPct?.message,
            )}
            {numberField(
              "thresholds.minBakeMinutes.code",
              "th-bake-code",
              "Minimum bake per ring, code (minutes)",
              "For code and driver updates.",
              e.thresholds?.minBakeMinutes?.code?.message,
            )}
            {numberField(
              "thresholds.minBakeMinutes.content",
              "th-bake-content",
              "Minimum bake per ring, content (minutes)",
              "For content updates.",
              e.thresholds?.minBakeMinutes?.content?.message,
            )}
            {numberField(
              "thresholds.maxMinutesToHalt",
              "th-halt",
              "Longest time to halt (minutes)",
              "From a failing health gate to a halted rollout.",
              e.thresholds?.maxMinutesToHalt?.message,
            )}
          </div>
          {(["code", "content"] as const).map((channel) => (
            <fieldset key={channel} className="mb-2">
              <legend className="text-sm font-semibold">Tests required before release, {channel === "code" ? "code updates" : "content updates"}</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {TEST_KINDS.map((k) => (
                  <label key={k} className="flex items-center gap-1 text-sm">
                    <input type="checkbox" value={k} className="h-4 w-4" {...register(`thresholds.requiredTestKinds.${channel}`)} />
                    {TEST_KIND_LABELS[k]}
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </fieldset>
      ) : null}
      <RequirementsFields register={register} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save version details"}
      </Button>
    </ClientForm>
  );
}
