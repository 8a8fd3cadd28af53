"use client";
import type { FieldErrors, UseFormRegister } from "react-hook-form";
import { CLASSIFICATIONS, CLASSIFICATION_LABELS, EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor-labels";
import { SelectField, TextField } from "@/components/ui/field";

export type MetaValues = { kind: string; evidenceDate?: string; validUntil?: string; classification: string };

/** Kind, dates and classification: shared by the link form and the uploader, each offering the kinds that fit it. */
export function MetaFields({
  prefix,
  register,
  errors,
  kinds,
}: {
  prefix: string;
  // Both forms hold more fields than these; each registers its own.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  register: UseFormRegister<any>;
  errors: FieldErrors<MetaValues>;
  kinds: readonly (keyof typeof EVIDENCE_KIND_LABELS)[];
}) {
  return (
    <div className="grid gap-x-4 sm:grid-cols-2">
      <SelectField id={`${prefix}kind`} label="Kind" required error={errors.kind?.message} {...register("kind")}>
        {kinds.map((k) => (
          <option key={k} value={k}>
            {EVIDENCE_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <SelectField id={`${prefix}classification`} label="Who may see it" error={errors.classification?.message} {...register("classification")}>
        {CLASSIFICATIONS.map((c) => (
          <option key={c} value={c}>
            {CLASSIFICATION_LABELS[c]}
          </option>
        ))}
      </SelectField>
      <TextField
        id={`${prefix}evidenceDate`}
        type="date"
        label="Date the evidence describes"
        error={errors.evidenceDate?.message}
        {...register("evidenceDate")}
      />
      <TextField id={`${prefix}validUntil`} type="date" label="Valid until (optional)" error={errors.validUntil?.message} {...register("validUntil")} />
    </div>
  );
}
