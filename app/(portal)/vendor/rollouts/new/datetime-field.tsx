"use client";
import { useState } from "react";
import { useController, type Control, type FieldValues, type Path } from "react-hook-form";
import { describedBy } from "@/components/ui/field";

const OFFSETS = [
  "Z",
  ...Array.from({ length: 27 }, (_, i) => i - 12)
    .filter((h) => h !== 0)
    .map((h) => `${h < 0 ? "-" : "+"}${String(Math.abs(h)).padStart(2, "0")}:00`),
  "+05:30",
  "+05:45",
  "+09:30",
];
const SHAPE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const control = "mt-1 block rounded-md border border-gray-400 bg-white px-3 py-2 text-base aria-[invalid=true]:border-red-700";

/**
 * A date and time plus an explicit UTC offset, combined into ISO-8601 with that
 * offset (e.g. 2024-07-19T06:09:00+02:00) so no browser time zone is assumed.
 */
export function DateTimeField<T extends FieldValues>({
  name,
  control: formControl,
  id,
  label,
  error,
  nullable,
  hint,
}: {
  name: Path<T>;
  control: Control<T>;
  id: string;
  label: string;
  error?: string;
  nullable?: boolean;
  hint?: string;
}) {
  const { field } = useController({ name, control: formControl });
  const initial = typeof field.value === "string" ? SHAPE.exec(field.value) : null;
  const [local, setLocal] = useState(initial?.[1] ?? "");
  const [offset, setOffset] = useState(initial?.[2] ?? "Z");
  const update = (l: string, o: string) => field.onChange(l ? `${l}:00${o}` : nullable ? null : "");
  return (
    <div className="mb-4">
      <label htmlFor={id} className="block text-sm font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="text-sm text-muted">
          {hint}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <input
          id={id}
          type="datetime-local"
          value={local}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          className={control}
          onBlur={field.onBlur}
          onChange={(e) => {
            setLocal(e.target.value);
            update(e.target.value, offset);
          }}
        />
        <select
          aria-label={`${label}: UTC offset`}
          value={offset}
          className={control}
          onChange={(e) => {
            setOffset(e.target.value);
            update(local, e.target.value);
          }}
        >
          {OFFSETS.map((o) => (
            <option key={o} value={o}>
              {o === "Z" ? "UTC" : `UTC${o}`}
            </option>
          ))}
        </select>
      </div>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
