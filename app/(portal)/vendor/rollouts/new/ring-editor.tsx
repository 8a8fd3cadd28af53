"use client";
import { get, useFieldArray, type UseFormReturn } from "react-hook-form";
import type { RolloutFormInput } from "@/lib/validations/rollouts";
import { TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DateTimeField } from "./datetime-field";
import { emptyGate, GateFields } from "./gate-fields";

type Form = UseFormReturn<RolloutFormInput>;
const num = (v: string | number | null | undefined) => (v === "" || v == null ? undefined : Number(v));
const numOrNull = (v: string | number | null | undefined) => (v === "" || v == null ? null : Number(v));
export const emptyRing = () => ({ name: "", sharePct: undefined as unknown as number, devices: null, startedAt: "", promotedAt: null, gate: null });

/** Ordered rings: add, remove, move up and down; each ring's errors sit beside its fields. */
export function RingEditor({ form }: { form: Form }) {
  const { control, register, formState, watch, setValue } = form;
  const { fields, append, remove, move } = useFieldArray({ control, name: "record.rings" });
  const err = (p: string) => (get(formState.errors, p) as { message?: string } | undefined)?.message;
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-semibold">Rings, in order</legend>
      <p className="mb-2 text-sm text-muted">Give each ring the cumulative share of the fleet that has the release once the ring is fully deployed.</p>
      {err("record.rings")?.length ? <p className="mb-2 text-sm font-medium text-red-700">{err("record.rings")}</p> : null}
      {fields.map((f, i) => {
        const p = `record.rings.${i}` as const;
        const hasGate = watch(`${p}.gate`) != null;
        return (
          <fieldset key={f.id} className="mb-4 rounded-md border border-gray-300 bg-white p-3">
            <legend className="px-1 font-semibold">Ring {i + 1}</legend>
            <div className="grid gap-x-4 sm:grid-cols-3">
              <TextField id={`ring-${i}-name`} label="Name" error={err(`${p}.name`)} {...register(`${p}.name`)} />
              <TextField
                id={`ring-${i}-share`}
                label="Fleet share (%)"
                inputMode="decimal"
                error={err(`${p}.sharePct`)}
                {...register(`${p}.sharePct`, { setValueAs: num })}
              />
              <TextField
                id={`ring-${i}-devices`}
                label="Devices (optional)"
                inputMode="numeric"
                error={err(`${p}.devices`)}
                {...register(`${p}.devices`, { setValueAs: numOrNull })}
              />
            </div>
            <div className="grid gap-x-4 sm:grid-cols-2">
              <DateTimeField control={control} name={`${p}.startedAt`} id={`ring-${i}-started`} label="Started" error={err(`${p}.startedAt`)} />
              <DateTimeField
                control={control}
                name={`${p}.promotedAt`}
                id={`ring-${i}-promoted`}
                label="Promoted to next ring"
                nullable
                hint="Empty for the last or an open ring."
                error={err(`${p}.promotedAt`)}
              />
            </div>
            <label className="mb-2 flex items-center gap-2 text-sm font-semibold">
              {/* Opening an empty gate shows no errors for fields not typed yet; removing one re-validates to clear stale errors. */}
              <input
                type="checkbox"
                checked={hasGate}
                onChange={(e) => setValue(`${p}.gate`, e.target.checked ? emptyGate() : null, { shouldValidate: !e.target.checked })}
              />
              This ring had a health gate
            </label>
            {hasGate ? <GateFields form={form} i={i} /> : null}
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" disabled={i === 0} onClick={() => move(i, i - 1)} aria-label={`Move ring ${i + 1} up`}>
                Move up
              </Button>
              <Button variant="secondary" disabled={i === fields.length - 1} onClick={() => move(i, i + 1)} aria-label={`Move ring ${i + 1} down`}>
                Move down
              </Button>
              <Button variant="secondary" disabled={fields.length === 1} onClick={() => remove(i)} aria-label={`Remove ring ${i + 1}`}>
                Remove
              </Button>
            </div>
          </fieldset>
        );
      })}
      <Button variant="secondary" onClick={() => append(emptyRing())}>
        Add ring
      </Button>
    </fieldset>
  );
}
