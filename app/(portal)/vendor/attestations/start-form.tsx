"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { ATTESTATION_KINDS, ATTESTATION_KIND_LABELS } from "@/lib/validations/vendor-labels";
import type { StartAttestationInput } from "@/lib/validations/vendor";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { startAttestationAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<StartAttestationInput>(() => import("@/lib/validations/vendor").then((m) => m.startAttestationSchema));

type Option = { id: string; label: string };

export function StartForm({ products, versions, productId }: { products: Option[]; versions: Option[]; productId?: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [existing, setExisting] = useState<{ href: string; text: string } | null>(null);
  const year = new Date().getFullYear();
  const { register, handleSubmit, formState, setError } = useForm<StartAttestationInput>({
    resolver,
    defaultValues: {
      productId: productId ?? "",
      frameworkVersionId: versions[0]?.id ?? "",
      kind: "new",
      periodStart: `${year}-01-01`,
      periodEnd: `${year}-12-31`,
    },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setExisting(null);
    const result = await startAttestationAction(values);
    if (result.ok) {
      router.push(`/vendor/attestations/${result.data.id}`);
      return;
    }
    applyFieldErrors(result, setError);
    // What the person typed stays in the form: only the message and the link to the other attestation appear.
    setExisting(result.link ?? null);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-lg">
      {existing ? (
        <div aria-live="polite">
          <div role="alert" className="mb-4 rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm font-medium text-red-800">
            <p>{formError}</p>
            <p className="mt-2">
              <Link href={existing.href} className="underline">
                {existing.text}
              </Link>
            </p>
          </div>
        </div>
      ) : (
        <FormAlert message={formError} />
      )}
      <SelectField id="productId" label="Product" required error={e.productId?.message} {...register("productId")}>
        <option value="">Choose…</option>
        {products.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        id="frameworkVersionId"
        label="Catalog version"
        required
        hint="Only published versions can be attested against."
        error={e.frameworkVersionId?.message}
        {...register("frameworkVersionId")}
      >
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {v.label}
          </option>
        ))}
      </SelectField>
      <SelectField id="kind" label="Kind of attestation" required error={e.kind?.message} {...register("kind")}>
        {ATTESTATION_KINDS.map((k) => (
          <option key={k} value={k}>
            {ATTESTATION_KIND_LABELS[k]}
          </option>
        ))}
      </SelectField>
      <TextField id="periodStart" type="date" label="Reporting period starts" required error={e.periodStart?.message} {...register("periodStart")} />
      <TextField id="periodEnd" type="date" label="Reporting period ends" required error={e.periodEnd?.message} {...register("periodEnd")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Starting…" : "Start attestation"}
      </Button>
    </ClientForm>
  );
}
