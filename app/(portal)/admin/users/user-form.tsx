"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import type { UserInput } from "@/lib/validations/admin";
import { ROLES, ROLE_LABELS, ROLE_ORG_KIND, ORG_KIND_LABELS, type OrgKind } from "@/lib/auth/roles";
import { SelectField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { createUserAction, updateUserAction } from "./actions";
import { OneTimeLink } from "./one-time-link";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
type Values = UserInput & { userId?: string };
const createResolver = lazyZodResolver<Values>(() => import("@/lib/validations/admin").then((m) => m.userSchema as never));
const updateResolver = lazyZodResolver<Values>(() => import("@/lib/validations/admin").then((m) => m.updateUserSchema as never));

type Org = { id: string; name: string; kind: OrgKind };
type Existing = { id: string; name: string; email: string; organisationId: string; role: UserInput["role"] };

export function UserForm({ organisations, existing }: { organisations: Org[]; existing?: Existing }) {
  const router = useRouter();
  const kindOf = (id: string) => organisations.find((o) => o.id === id)?.kind;
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const { register, handleSubmit, formState, setError, control, setValue, reset } = useForm<Values>({
    resolver: existing ? updateResolver : createResolver,
    defaultValues: existing
      ? {
          userId: existing.id,
          name: existing.name,
          email: existing.email,
          organisationId: existing.organisationId,
          role: existing.role,
          organisationKind: kindOf(existing.organisationId),
        }
      : { name: "", email: "", organisationId: "", role: undefined, organisationKind: undefined },
  });
  const orgId = useWatch({ control, name: "organisationId" });
  const orgKind = kindOf(orgId);

  const onSubmit = handleSubmit(async ({ userId: _userId, ...values }) => {
    setFormError(null);
    setSaved(false);
    const payload = { ...values, organisationKind: orgKind };
    const result = existing ? await updateUserAction({ ...payload, userId: existing.id }) : await createUserAction(payload);
    if (result.ok) {
      if (existing) {
        setSaved(true);
        router.refresh();
      } else {
        setCreated({ token: (result.data as unknown as { token: string }).token, name: values.name });
        reset({ name: "", email: "", organisationId: "", role: undefined, organisationKind: undefined });
      }
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });

  return (
    <>
      {created ? <OneTimeLink token={created.token} who={created.name} /> : null}
      {saved ? (
        <p role="status" className="mb-4 rounded-md border-l-4 border-green-700 bg-green-50 p-3 text-sm">
          Changes saved.
        </p>
      ) : null}
      <ClientForm onSubmit={onSubmit} onFocus={(existing ? updateResolver : createResolver).preload} noValidate className="max-w-lg">
        <FormAlert message={formError} />
        <TextField id="name" label="Full name" required autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
        <TextField
          id="email"
          label="Email address"
          type="email"
          required
          autoComplete="off"
          disabled={Boolean(existing)}
          hint={existing ? "Email addresses cannot be changed." : undefined}
          error={formState.errors.email?.message}
          {...register("email")}
        />
        <SelectField
          id="organisationId"
          label="Organisation"
          required
          error={formState.errors.organisationId?.message}
          {...register("organisationId", { onChange: (e) => setValue("organisationKind", kindOf(e.target.value)) })}
        >
          <option value="">Choose…</option>
          {organisations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name} ({ORG_KIND_LABELS[o.kind]})
            </option>
          ))}
        </SelectField>
        <SelectField
          id="role"
          label="Role"
          required
          hint={orgKind ? `Roles that fit a ${ORG_KIND_LABELS[orgKind].toLowerCase()} are listed first.` : "Choose the organisation first."}
          error={formState.errors.role?.message}
          {...register("role")}
        >
          <option value="">Choose…</option>
          {[...ROLES]
            .sort((a, b) => Number(ROLE_ORG_KIND[b] === orgKind) - Number(ROLE_ORG_KIND[a] === orgKind))
            .map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
        </SelectField>
        <div className="flex gap-2">
          <Button type="submit" disabled={formState.isSubmitting}>
            {formState.isSubmitting ? "Saving…" : existing ? "Save changes" : "Create and get link"}
          </Button>
          <Button variant="secondary" onClick={() => router.push("/admin/users")}>
            Back to people
          </Button>
        </div>
      </ClientForm>
    </>
  );
}
