"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { get, useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { RolloutFormInput, RolloutFormOutput } from "@/lib/validations/rollouts";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createRolloutAction } from "../actions";
import { DateTimeField } from "./datetime-field";
import { RingEditor, emptyRing } from "./ring-editor";
import { EventsEditor, TestsEditor } from "./list-editors";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<RolloutFormInput, RolloutFormOutput>(() => import("@/lib/validations/rollouts").then((m) => m.rolloutFormSchema));

const numOrNull = (v: string | number | null | undefined) => (v === "" || v == null ? null : Number(v));

export function RolloutForm({ products }: { products: { id: string; name: string }[] }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<RolloutFormInput, unknown, RolloutFormOutput>({
    resolver,
    mode: "onChange",
    defaultValues: {
      productId: products.length === 1 ? products[0]!.id : "",
      record: {
        releaseId: "",
        version: "",
        channel: "content",
        kernelMode: false,
        releasedAt: "",
        fleetSize: null,
        rings: [emptyRing()],
        events: [],
        tests: [],
        customerControl: { ringOptIn: false, nMinusOnePinning: false, delayHours: null },
        notes: "",
      },
    },
  });
  const { register, formState, control, setError } = form;
  const err = (p: string) => (get(formState.errors, p) as { message?: string } | undefined)?.message;

  const onSubmit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      const result = await createRolloutAction(values);
      if (result.ok) {
        router.push(`/vendor/rollouts/${result.data.id}`);
        return;
      }
      applyFieldErrors(result, setError);
      setFormError(result.formError ?? "Check the fields marked below.");
    },
    () => setFormError("Some fields need attention: see the messages beside them."),
  );

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-4xl">
      <FormAlert message={formError} />
      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">Release</legend>
        <div className="grid gap-x-4 sm:grid-cols-2">
          <SelectField id="productId" label="Product" required error={err("productId")} {...register("productId")}>
            <option value="">Choose…</option>
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <TextField
            id="releaseId"
            label="Release identifier"
            required
            hint="Unique per product, e.g. content-2025-05-01-a."
            error={err("record.releaseId")}
            {...register("record.releaseId")}
          />
          <TextField id="version" label="Version" required error={err("record.version")} {...register("record.version")} />
          <SelectField id="channel" label="Channel" error={err("record.channel")} {...register("record.channel")}>
            <option value="content">Content (detection logic, configuration)</option>
            <option value="code">Code or driver</option>
          </SelectField>
          <DateTimeField control={control} name="record.releasedAt" id="releasedAt" label="Release time" error={err("record.releasedAt")} />
          <TextField
            id="fleetSize"
            label="Fleet size (devices, optional)"
            inputMode="numeric"
            error={err("record.fleetSize")}
            {...register("record.fleetSize", { setValueAs: numOrNull })}
          />
        </div>
        <label className="flex items-center gap-2 text-sm font-semibold">
          <input type="checkbox" {...register("record.kernelMode")} /> Changes what kernel-mode code executes
        </label>
      </fieldset>
      <RingEditor form={form} />
      <EventsEditor form={form} />
      <TestsEditor form={form} />
      <fieldset className="mb-6">
        <legend className="mb-2 text-lg font-semibold">What customers could control</legend>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("record.customerControl.ringOptIn")} /> Customers could choose their ring
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...register("record.customerControl.nMinusOnePinning")} /> Customers could stay one version behind (N-1)
        </label>
        <TextField
          id="delayHours"
          label="Delay customers could set (hours, optional)"
          inputMode="decimal"
          error={err("record.customerControl.delayHours")}
          {...register("record.customerControl.delayHours", { setValueAs: numOrNull })}
        />
      </fieldset>
      <TextAreaField id="notes" label="Notes (optional)" rows={3} error={err("record.notes")} {...register("record.notes")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save rollout record"}
      </Button>
    </ClientForm>
  );
}
