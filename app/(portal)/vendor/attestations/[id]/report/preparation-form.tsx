"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { saveReportPreparationAction } from "./actions";

type Values = { vendorResponse: string; publicSummary: boolean; ready: boolean };

/** The officer's public response, the public-summary choice and "ready to publish"; what was typed stays on any error. */
export function PreparationForm({ attestationId, initial, version }: { attestationId: string; initial: Values; version: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<Values>({ defaultValues: initial });
  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    setSaved(null);
    const result = await saveReportPreparationAction({
      attestationId,
      vendorResponse: v.vendorResponse,
      publicSummary: v.publicSummary,
      ready: v.ready,
      version,
    });
    if (result.ok) {
      setSaved(v.ready ? "Saved. The panel's lead has been told the report may be published." : "Saved.");
      return router.refresh();
    }
    applyFieldErrors(result, setError);
    setMessage(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate>
      <FormAlert message={message} />
      {saved ? (
        <p role="status" className="mb-3 rounded border border-green-700 bg-green-50 p-2 text-sm">
          {saved}
        </p>
      ) : null}
      <TextAreaField
        id="vendor-response"
        label="Your public response (optional)"
        hint="Shown with the report, labelled as your words. It never changes the panel's findings. Up to 1,500 characters."
        rows={4}
        error={formState.errors.vendorResponse?.message}
        {...register("vendorResponse")}
      />
      <div className="mb-3 flex items-start gap-2">
        <input id="public-summary" type="checkbox" className="mt-0.5 h-5 w-5" {...register("publicSummary")} />
        <label htmlFor="public-summary" className="text-sm">
          Show a public summary to anyone, without sign-in: vendor, product, framework version, period, outcome, date, domain scores and the submission digest.
          Evidence is never part of it.
        </label>
      </div>
      <div className="mb-4 flex items-start gap-2">
        <input id="ready" type="checkbox" className="mt-0.5 h-5 w-5" {...register("ready")} />
        <label htmlFor="ready" className="text-sm">
          We have read the preview; the panel&apos;s lead may publish the report now.
        </label>
      </div>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save"}
      </Button>
    </ClientForm>
  );
}
