"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { AssignPanelInput } from "@/lib/validations/review";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { assignPanelAction, updatePanelAction } from "../actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<AssignPanelInput>(() => import("@/lib/validations/review").then((m) => m.assignPanelSchema));

type Candidate = { id: string; name: string; role: Role; organisationName: string };

function MemberBoxes({ candidates, name, register, error }: { candidates: Candidate[]; name: string; register: (n: never) => object; error?: string }) {
  return (
    <fieldset className="mb-4" aria-describedby={error ? `${name}-error` : undefined}>
      <legend className="text-sm font-semibold">Members</legend>
      <p className="text-sm text-muted">At least one platform reviewer and one government auditor.</p>
      {candidates.length === 0 ? <p className="text-sm">Nobody else can be added: every reviewer and auditor is on this panel.</p> : null}
      <ul className="mt-2 grid gap-1 sm:grid-cols-2">
        {candidates.map((c) => (
          <li key={c.id}>
            <label className="flex min-h-10 items-center gap-2">
              <input type="checkbox" value={c.id} className="h-5 w-5 shrink-0" {...register(name as never)} />
              <span>
                {c.name}{" "}
                <span className="text-sm text-muted">
                  · {ROLE_LABELS[c.role]}, {c.organisationName}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
      {error ? (
        <p id={`${name}-error`} className="mt-1 text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

export function AssignPanelForm({ attestationId, candidates, today }: { attestationId: string; candidates: Candidate[]; today: string }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control } = useForm<AssignPanelInput>({
    resolver,
    defaultValues: { attestationId, memberIds: [], leadUserId: "", dueDate: "" },
  });
  const chosen = useWatch({ control, name: "memberIds" }) ?? [];
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await assignPanelAction(values);
    if (result.ok) return router.refresh();
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate className="max-w-2xl">
      <FormAlert message={formError} />
      <MemberBoxes
        candidates={candidates}
        name="memberIds"
        register={register as never}
        error={formState.errors.memberIds?.message ?? formState.errors.memberIds?.root?.message}
      />
      <SelectField
        id="leadUserId"
        label="Lead"
        required
        hint="The lead reconciles the scores and signs the decision."
        error={formState.errors.leadUserId?.message}
        {...register("leadUserId")}
      >
        <option value="">Choose one of the members…</option>
        {candidates
          .filter((c) => (chosen as string[]).includes(c.id))
          .map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({ROLE_LABELS[c.role]})
            </option>
          ))}
      </SelectField>
      <TextField id="dueDate" label="Due date" type="date" min={today} required error={formState.errors.dueDate?.message} {...register("dueDate")} />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Assigning…" : "Assign panel"}
      </Button>
    </ClientForm>
  );
}

export function ChangePanelForm({
  attestationId,
  candidates,
  members,
}: {
  attestationId: string;
  candidates: Candidate[];
  members: { id: string; name: string; isLead: boolean }[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const { register, handleSubmit, formState } = useForm<{ addMemberIds: string[]; leadUserId: string }>({
    defaultValues: { addMemberIds: [], leadUserId: members.find((m) => m.isLead)?.id ?? "" },
  });
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await updatePanelAction({ attestationId, addMemberIds: values.addMemberIds || [], leadUserId: values.leadUserId || null });
    if (result.ok) {
      setMessage({ text: "Panel updated.", tone: "success" });
      return router.refresh();
    }
    setMessage({ text: result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? "The panel could not be changed.", tone: "error" });
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="max-w-2xl border-t border-gray-200 pt-4">
      <h3 className="mb-2 font-semibold">Change the panel</h3>
      <FormAlert message={message?.text} tone={message?.tone} />
      <MemberBoxes candidates={candidates} name="addMemberIds" register={register as never} />
      <SelectField id="changeLead" label="Lead" {...register("leadUserId")}>
        <option value="">No lead (choose one)</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </SelectField>
      <Button type="submit" variant="secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save panel changes"}
      </Button>
    </ClientForm>
  );
}
