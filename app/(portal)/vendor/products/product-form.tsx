"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { CHANNEL_LABELS } from "@/lib/validations/catalog-labels";
import type { ProductInput } from "@/lib/validations/vendor";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createProductAction, updateProductAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<ProductInput>(() => import("@/lib/validations/vendor").then((m) => m.productSchema));

const EMPTY: ProductInput = {
  name: "",
  platforms: "Windows",
  kernelMode: false,
  codeChannel: false,
  codeCadence: "",
  contentChannel: false,
  contentCadence: "",
};

function Check({ id, label, hint, ...rest }: React.InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string }) {
  return (
    <div className="mb-3 flex items-start gap-2">
      <input id={id} type="checkbox" className="mt-1 h-5 w-5" aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      <div>
        <label htmlFor={id} className="font-semibold">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}

export function ProductForm({ initial }: { initial?: ProductInput & { id: string } }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<ProductInput>({
    resolver,
    defaultValues: initial ?? EMPTY,
  });
  const [code, content] = useWatch({ control, name: ["codeChannel", "contentChannel"] });
  const errors = formState.errors;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = initial ? await updateProductAction({ id: initial.id, product: values }) : await createProductAction(values);
    if (result.ok) {
      router.push(`/vendor/products/${result.data.id}`);
      router.refresh();
      return;
    }
    if (result.fieldErrors) {
      const unprefixed = Object.fromEntries(Object.entries(result.fieldErrors).map(([k, v]) => [k.replace(/^product\./, ""), v]));
      applyFieldErrors({ ...result, fieldErrors: unprefixed }, setError);
    }
    setFormError(result.formError ?? "Check the fields marked below.");
  });

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-xl">
      <FormAlert message={formError} />
      <TextField id="name" label="Product name" required error={errors.name?.message} {...register("name")} />
      <TextField
        id="platforms"
        label="Platforms"
        required
        hint="Separate several with commas, e.g. Windows, macOS, Linux."
        error={errors.platforms?.message}
        {...register("platforms")}
      />
      <Check
        id="kernelMode"
        label="Has kernel-mode components"
        hint="Drivers or other code that runs in the operating system kernel."
        {...register("kernelMode")}
      />
      <fieldset className="mb-4 rounded-md border border-gray-300 p-3" aria-describedby={errors.codeChannel ? "channels-error" : undefined}>
        <legend className="px-1 font-semibold">Update channels it ships</legend>
        <Check id="codeChannel" label={CHANNEL_LABELS.code} {...register("codeChannel")} />
        {code ? (
          <TextField
            id="codeCadence"
            label="Usual cadence of code updates"
            hint="e.g. monthly"
            error={errors.codeCadence?.message}
            {...register("codeCadence")}
          />
        ) : null}
        <Check id="contentChannel" label={CHANNEL_LABELS.content} {...register("contentChannel")} />
        {content ? (
          <TextField
            id="contentCadence"
            label="Usual cadence of content updates"
            hint="e.g. several times a day"
            error={errors.contentCadence?.message}
            {...register("contentCadence")}
          />
        ) : null}
        {errors.codeChannel ? (
          <p id="channels-error" className="text-sm font-medium text-red-700">
            {errors.codeChannel.message}
          </p>
        ) : null}
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : initial ? "Save changes" : "Register product"}
        </Button>
        <Button variant="secondary" onClick={() => router.push("/vendor/products")}>
          Cancel
        </Button>
      </div>
    </ClientForm>
  );
}
