"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/result";
import { formatBytes } from "@/lib/format";
import { ROLLOUT_FILE_MAX_BYTES } from "@/lib/validations/rollout-labels";
import { uploadRolloutAction } from "../actions";

/** The file's text stays in the box after a failed upload, so it can be fixed in place and sent again. */
export function UploadForm({ products }: { products: { id: string; name: string }[] }) {
  const router = useRouter();
  const [productId, setProductId] = useState(products.length === 1 ? products[0]!.id : "");
  const [format, setFormat] = useState<"auto" | "json" | "csv">("auto");
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});

  async function onFile(file: File | undefined) {
    if (!file) return;
    if (file.size > ROLLOUT_FILE_MAX_BYTES) return setFormError(`The file may be at most ${formatBytes(ROLLOUT_FILE_MAX_BYTES)}.`);
    setText(await file.text());
    if (/\.csv$/i.test(file.name)) setFormat("csv");
    else if (/\.json$/i.test(file.name)) setFormat("json");
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setFormError(null);
    setErrors({});
    const res = await uploadRolloutAction({ productId, format, text });
    setPending(false);
    if (res.ok) return router.push(`/vendor/rollouts/${res.data.id}`);
    setFormError(res.formError ?? "The file could not be stored.");
    setErrors(res.fieldErrors ?? {});
  }

  const located = Object.entries(errors).filter(([k]) => k !== "productId" && k !== "text" && k !== "format");
  return (
    <ClientForm onSubmit={submit} noValidate className="max-w-4xl">
      <FormAlert message={formError} />
      {located.length ? (
        <section aria-labelledby="upload-errors" className="mb-4 rounded-md border-l-4 border-red-700 bg-red-50 p-3">
          <h2 id="upload-errors" className="font-semibold text-red-800">
            Problems in the file
          </h2>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {located.flatMap(([where, msgs]) =>
              (msgs ?? []).map((m, i) => (
                <li key={`${where}-${i}`}>
                  <strong>{where}:</strong> {m}
                </li>
              )),
            )}
          </ul>
        </section>
      ) : null}
      <div className="grid gap-x-4 sm:grid-cols-2">
        <SelectField id="productId" label="Product" required value={productId} onChange={(e) => setProductId(e.target.value)} error={errors.productId?.[0]}>
          <option value="">Choose…</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="format" label="Format" value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
          <option value="auto">Detect from the contents</option>
          <option value="json">JSON</option>
          <option value="csv">CSV</option>
        </SelectField>
      </div>
      <div className="mb-4">
        <label htmlFor="file" className="block text-sm font-semibold">
          File
        </label>
        <input
          id="file"
          type="file"
          accept=".json,.csv,application/json,text/csv"
          className="mt-1 block text-sm"
          onChange={(e) => void onFile(e.target.files?.[0])}
        />
      </div>
      <TextAreaField
        id="text"
        label="File contents"
        hint="Choose a file above or paste here; edit it here to fix problems."
        rows={14}
        spellCheck={false}
        className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 font-mono text-sm"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.text?.[0]}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Checking…" : "Check and store"}
      </Button>
    </ClientForm>
  );
}
