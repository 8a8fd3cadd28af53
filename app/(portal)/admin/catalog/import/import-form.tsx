"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { importFrameworkAction } from "../actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<Values>(() => import("@/lib/validations/catalog").then((m) => m.importSchema));

type Values = { text: string };
type Done = { versionId: string; slug: string; version: string; format: string; controlCount: number; warnings: string[] };

export function ImportForm() {
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const [done, setDone] = useState<Done | null>(null);
  const { register, handleSubmit, formState, setValue } = useForm<Values>({ resolver, defaultValues: { text: "" } });

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setValue("text", await file.text(), { shouldValidate: true });
  };

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setErrors([]);
    setDone(null);
    const r = await importFrameworkAction(values);
    if (r.ok) {
      setDone(r.data);
      return;
    }
    setFormError(r.formError ?? "The document was not imported.");
    setErrors(r.fieldErrors?.document ?? r.fieldErrors?.text ?? []);
  });

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate>
      <FormAlert message={formError} />
      {errors.length ? (
        <div className="mb-4">
          <h2 className="font-semibold">Problems found ({errors.length})</h2>
          <ul aria-label="Import problems" className="max-h-96 list-disc overflow-y-auto pl-6 font-mono text-sm text-red-800">
            {errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {done ? (
        <div role="status" className="mb-4 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-sm">
          <p className="font-semibold">
            Imported {done.slug} {done.version} ({done.format === "oscal" ? "OSCAL catalog" : "portal format"}) as a draft with {done.controlCount} controls.
          </p>
          <Link href={`/admin/catalog/${done.versionId}`} className="underline">
            Open the new draft
          </Link>
          {done.warnings.length ? (
            <p className="mt-1">
              {done.warnings.length} notes, e.g. {done.warnings[0]}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="mb-4">
        <label htmlFor="file" className="block text-sm font-semibold">
          Framework file (JSON)
        </label>
        <p id="file-hint" className="text-sm text-muted">
          A Ringfence framework document or an OSCAL catalog. The file is read in your browser and placed below.
        </p>
        <input
          id="file"
          type="file"
          accept=".json,application/json"
          aria-describedby="file-hint"
          className="mt-1 block text-sm"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <TextAreaField
        id="text"
        label="Document"
        hint="Or paste the JSON here."
        rows={14}
        className="mt-1 block w-full rounded-md border border-gray-400 px-3 py-2 font-mono text-sm"
        error={formState.errors.text?.message}
        {...register("text")}
      />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Importing…" : "Import as draft"}
      </Button>
    </ClientForm>
  );
}
