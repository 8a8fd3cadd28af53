"use client";
import { get, type UseFormReturn } from "react-hook-form";
import { GATE_COMPARATORS, GATE_METRICS } from "@/lib/rollouts/record-constants";
import { GATE_METRIC_LABELS } from "@/lib/validations/rollout-labels";
import type { RolloutFormInput } from "@/lib/validations/rollouts";
import { SelectField, TextField } from "@/components/ui/field";
import { DateTimeField } from "./datetime-field";

type Form = UseFormReturn<RolloutFormInput>;
const numOrNull = (v: string | number | null | undefined) => (v === "" || v == null ? null : Number(v));
const num = (v: string | number | null | undefined) => (v === "" || v == null ? undefined : Number(v));
const COMPARATOR_WORDS: Record<(typeof GATE_COMPARATORS)[number], string> = { "<": "< below", "<=": "≤ at most", ">": "> above", ">=": "≥ at least" };

export const emptyGate = () => ({
  metric: "crash_rate" as const,
  customMetric: null,
  comparator: "<" as const,
  threshold: undefined as unknown as number,
  observed: null,
  unit: "%",
  baseline: null,
  evaluatedAt: "",
  passed: null,
});

/** A structured gate: the portal computes pass or fail from observed, comparator and threshold. */
export function GateFields({ form, i }: { form: Form; i: number }) {
  const { register, control, watch, formState } = form;
  const p = `record.rings.${i}.gate` as const;
  const err = (f: string) => (get(formState.errors, `${p}.${f}`) as { message?: string } | undefined)?.message;
  const custom = watch(`${p}.metric` as `record.rings.${number}.gate.metric`) === "custom";
  return (
    <div className="mb-2 rounded-md border border-dashed border-gray-300 p-2">
      <p className="mb-2 text-sm text-muted">The gate passes when the observed value compares with the threshold as chosen; the portal computes the outcome.</p>
      <div className="grid gap-x-4 sm:grid-cols-3">
        <SelectField id={`ring-${i}-metric`} label="Gate metric" error={err("metric")} {...register(`${p}.metric` as `record.rings.${number}.gate.metric`)}>
          {GATE_METRICS.map((m) => (
            <option key={m} value={m}>
              {GATE_METRIC_LABELS[m]}
            </option>
          ))}
        </SelectField>
        {custom ? (
          <TextField
            id={`ring-${i}-custom-metric`}
            label="Custom metric name"
            error={err("customMetric")}
            {...register(`${p}.customMetric` as `record.rings.${number}.gate.customMetric`, { setValueAs: (v: string) => (v === "" ? null : v) })}
          />
        ) : null}
        <SelectField
          id={`ring-${i}-comparator`}
          label="Passes when observed is"
          error={err("comparator")}
          {...register(`${p}.comparator` as `record.rings.${number}.gate.comparator`)}
        >
          {GATE_COMPARATORS.map((c) => (
            <option key={c} value={c}>
              {COMPARATOR_WORDS[c]}
            </option>
          ))}
        </SelectField>
        <TextField
          id={`ring-${i}-threshold`}
          label="Threshold"
          inputMode="decimal"
          error={err("threshold")}
          {...register(`${p}.threshold`, { setValueAs: num })}
        />
        <TextField
          id={`ring-${i}-observed`}
          label="Observed (optional)"
          inputMode="decimal"
          error={err("observed")}
          {...register(`${p}.observed`, { setValueAs: numOrNull })}
        />
        <TextField
          id={`ring-${i}-unit`}
          label="Unit"
          hint="e.g. %, per million devices, ms, MB"
          error={err("unit")}
          {...register(`${p}.unit` as `record.rings.${number}.gate.unit`)}
        />
        <TextField
          id={`ring-${i}-baseline`}
          label="Previous version's value (optional)"
          inputMode="decimal"
          error={err("baseline")}
          {...register(`${p}.baseline` as `record.rings.${number}.gate.baseline`, { setValueAs: numOrNull })}
        />
        <SelectField
          id={`ring-${i}-passed`}
          label="Your result (optional)"
          error={err("passed")}
          {...register(`${p}.passed`, {
            setValueAs: (v: string | boolean | null) => (v === true || v === "true" ? true : v === false || v === "false" ? false : null),
          })}
        >
          <option value="">Not given</option>
          <option value="true">Passed</option>
          <option value="false">Failed</option>
        </SelectField>
      </div>
      <DateTimeField
        control={control}
        name={`${p}.evaluatedAt` as `record.rings.${number}.gate.evaluatedAt`}
        id={`ring-${i}-evaluated`}
        label="Gate evaluated at"
        error={err("evaluatedAt")}
      />
    </div>
  );
}
