"use client";
import { get, useFieldArray, type UseFormReturn } from "react-hook-form";
import { TEST_KINDS } from "@/lib/catalog/constants";
import { ROLLOUT_EVENT_KINDS } from "@/lib/rollouts/record-constants";
import { ROLLOUT_EVENT_KIND_LABELS } from "@/lib/validations/rollout-labels";
import type { RolloutFormInput } from "@/lib/validations/rollouts";
import { TEST_KIND_LABELS } from "@/lib/validations/catalog-labels";
import { SelectField, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { DateTimeField } from "./datetime-field";

type Form = UseFormReturn<RolloutFormInput>;
const errOf = (form: Form) => (p: string) => (get(form.formState.errors, p) as { message?: string } | undefined)?.message;

export function EventsEditor({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "record.events" });
  const err = errOf(form);
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-semibold">Events</legend>
      <p className="mb-2 text-sm text-muted">Pauses, halts, resumptions and rollbacks, with when and why.</p>
      {fields.map((f, i) => (
        <fieldset key={f.id} className="mb-3 rounded-md border border-gray-300 bg-white p-3">
          <legend className="px-1 font-semibold">Event {i + 1}</legend>
          <div className="grid gap-x-4 sm:grid-cols-2">
            <SelectField id={`event-${i}-kind`} label="Kind" error={err(`record.events.${i}.kind`)} {...form.register(`record.events.${i}.kind`)}>
              {ROLLOUT_EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {ROLLOUT_EVENT_KIND_LABELS[k]}
                </option>
              ))}
            </SelectField>
            <DateTimeField control={form.control} name={`record.events.${i}.at`} id={`event-${i}-at`} label="When" error={err(`record.events.${i}.at`)} />
          </div>
          <TextField id={`event-${i}-reason`} label="Reason" error={err(`record.events.${i}.reason`)} {...form.register(`record.events.${i}.reason`)} />
          <Button variant="secondary" onClick={() => remove(i)} aria-label={`Remove event ${i + 1}`}>
            Remove
          </Button>
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => append({ kind: "halt", at: "", reason: "" })}>
        Add event
      </Button>
    </fieldset>
  );
}

export function TestsEditor({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "record.tests" });
  const err = errOf(form);
  return (
    <fieldset className="mb-6">
      <legend className="mb-2 text-lg font-semibold">Tests run before release</legend>
      {fields.map((f, i) => (
        <fieldset key={f.id} className="mb-3 grid gap-x-4 rounded-md border border-gray-300 bg-white p-3 sm:grid-cols-4">
          <legend className="px-1 font-semibold">Test {i + 1}</legend>
          <SelectField id={`test-${i}-kind`} label="Kind" error={err(`record.tests.${i}.kind`)} {...form.register(`record.tests.${i}.kind`)}>
            {TEST_KINDS.map((k) => (
              <option key={k} value={k}>
                {TEST_KIND_LABELS[k]}
              </option>
            ))}
          </SelectField>
          <SelectField
            id={`test-${i}-passed`}
            label="Result"
            {...form.register(`record.tests.${i}.passed`, { setValueAs: (v: string | boolean) => v === true || v === "true" })}
          >
            <option value="true">Passed</option>
            <option value="false">Failed</option>
          </SelectField>
          <TextField
            id={`test-${i}-evidence`}
            label="Evidence link (optional)"
            type="url"
            error={err(`record.tests.${i}.evidenceUrl`)}
            {...form.register(`record.tests.${i}.evidenceUrl`, { setValueAs: (v: string) => (v === "" ? null : v) })}
          />
          <div className="self-end pb-4">
            <Button variant="secondary" onClick={() => remove(i)} aria-label={`Remove test ${i + 1}`}>
              Remove
            </Button>
          </div>
        </fieldset>
      ))}
      <Button variant="secondary" onClick={() => append({ kind: "developer", passed: true, evidenceUrl: null })}>
        Add test
      </Button>
    </fieldset>
  );
}
