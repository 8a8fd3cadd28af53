"use client";
import type { UseFormRegister } from "react-hook-form";
import { ANSWER_FIELDS, ANSWER_FIELD_LABELS, ANSWER_STATUSES } from "@/lib/catalog/answer-requirements";
import { STATUS_LABELS } from "@/lib/validations/vendor-labels";
import type { VersionMetaInput } from "@/lib/validations/catalog";

/** One group of checkboxes per implementation status: which answer fields it requires before submission. */
export function RequirementsFields({ register }: { register: UseFormRegister<VersionMetaInput> }) {
  return (
    <fieldset className="mb-4 rounded-lg border border-gray-300 p-4" aria-describedby="req-hint">
      <legend className="px-1 font-semibold">What each status requires</legend>
      <p id="req-hint" className="mb-3 text-sm text-muted">
        An attestation can be submitted only when every answer holds what its status requires. Evidence means at least one linked item, and applies to must
        controls only. A control without a status is checked as if implemented.
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {ANSWER_STATUSES.map((s) => (
          <fieldset key={s}>
            <legend className="text-sm font-semibold">{STATUS_LABELS[s]}</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {ANSWER_FIELDS.map((f) => (
                <label key={f} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" className="h-4 w-4" {...register(`answerRequirements.${s}.${f}`)} />
                  {ANSWER_FIELD_LABELS[f]}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>
    </fieldset>
  );
}
