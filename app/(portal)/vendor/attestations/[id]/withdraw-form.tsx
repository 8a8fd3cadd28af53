"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { WithdrawInput } from "@/lib/validations/vendor";
import { TextAreaField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { withdrawAttestationAction } from "./actions";

/** For officers, on a submitted attestation that is the latest revision. */
const resolver = lazyZodResolver<WithdrawInput>(() => import("@/lib/validations/vendor").then((m) => m.withdrawSchema));

export function WithdrawForm({ attestationId, productName }: { attestationId: string; productName: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<WithdrawInput>({
    resolver,
    defaultValues: { attestationId, reason: "", confirm: false as unknown as true },
  });
  const e = formState.errors;
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await withdrawAttestationAction(values);
    if (result.ok) {
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <section id="withdraw" aria-labelledby="withdraw-h" className="mb-6 scroll-mt-4 rounded-lg border border-gray-300 bg-white p-4">
      <h2 id="withdraw-h" className="mb-2 text-lg font-semibold">
        Withdraw attestation
      </h2>
      <p id="withdraw-effect" className="mb-4 max-w-2xl text-sm">
        Withdrawing ends this attestation&apos;s hold on later versions of {productName}. The signed submission and its digest are kept unchanged and still
        verify. A withdrawn attestation cannot be edited or revised; to attest again, start a new attestation.
      </p>
      <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-xl">
        <FormAlert message={formError} />
        <TextAreaField
          id="withdraw-reason"
          label="Reason for withdrawing"
          required
          rows={4}
          hint="Reviewers see this reason. Between 10 and 2,000 characters."
          error={e.reason?.message}
          {...register("reason")}
        />
        <div className="mb-4 flex items-start gap-2">
          <input
            id="withdraw-confirm"
            type="checkbox"
            className="mt-1 h-5 w-5"
            aria-invalid={e.confirm ? true : undefined}
            aria-describedby={e.confirm ? "withdraw-effect withdraw-confirm-error" : "withdraw-effect"}
            {...register("confirm")}
          />
          <label htmlFor="withdraw-confirm" className="font-semibold">
            I confirm that I am withdrawing this attestation on behalf of my organisation.
          </label>
        </div>
        {e.confirm ? (
          <p id="withdraw-confirm-error" className="-mt-3 mb-4 text-sm font-medium text-red-700">
            {e.confirm.message}
          </p>
        ) : null}
        <Button type="submit" variant="danger" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Withdrawing…" : "Withdraw attestation"}
        </Button>
      </ClientForm>
    </section>
  );
}
