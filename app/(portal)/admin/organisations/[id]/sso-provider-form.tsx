"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { lazyZodResolver } from "@/components/forms/lazy-resolver";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";
import type { SsoProviderInput, SsoProviderValues } from "@/lib/validations/sso";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { saveSsoProviderAction } from "./actions";

// zod and the schema load when the form is first used (components/forms/lazy-resolver.ts).
const resolver = lazyZodResolver<SsoProviderInput, SsoProviderValues>(() => import("@/lib/validations/sso").then((m) => m.ssoProviderSchema));

/** The stored settings as the form shows them; the client secret is never among them. */
export type SsoFormInitial = Omit<SsoProviderInput, "clientSecret" | "organisationId"> | null;

export function SsoProviderForm({ organisationId, roles, initial }: { organisationId: string; roles: Role[]; initial: SsoFormInitial }) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError, control, getValues, resetField } = useForm<SsoProviderInput, unknown, SsoProviderValues>({
    resolver,
    defaultValues: {
      organisationId,
      name: initial?.name ?? "",
      issuer: initial?.issuer ?? "",
      clientId: initial?.clientId ?? "",
      clientSecret: "",
      allowedDomains: initial?.allowedDomains ?? "",
      defaultRole: initial?.defaultRole ?? roles[0],
      roleClaim: initial?.roleClaim ?? "",
      roleMapping: initial?.roleMapping ?? "",
      createUsers: initial?.createUsers ?? false,
      enabled: initial?.enabled ?? true,
    },
  });
  const errors = formState.errors;
  const createUsers = useWatch({ control, name: "createUsers" });

  // Checked here first; the typed text (not the parsed lists) goes to the server, which parses it again with the same schema.
  const onSubmit = handleSubmit(async () => {
    setFormError(null);
    setSaved(null);
    const result = await saveSsoProviderAction({ ...getValues(), organisationId });
    if (result.ok) {
      // The secret field empties after saving: it is write-only.
      resetField("clientSecret", { defaultValue: "" });
      setSaved(initial ? "Single sign-on settings saved." : "Provider registered.");
      router.refresh();
      return;
    }
    applyFieldErrors(result, setError);
    setFormError(result.formError ?? "Check the fields marked below.");
  });

  return (
    <ClientForm onSubmit={onSubmit} onFocus={resolver.preload} noValidate aria-label="Single sign-on provider">
      <FormAlert message={formError} />
      <FormAlert message={saved} tone="success" />
      <TextField
        id="sso-name"
        label="Name on the sign-in button"
        hint="People see “Sign in with <name>”."
        required
        error={errors.name?.message}
        {...register("name")}
      />
      <TextField
        id="sso-issuer"
        label="Issuer URL"
        hint="https:// (plain http only for 127.0.0.1, localhost or ::1). Ringfence reads the provider's settings from <issuer>/.well-known/openid-configuration."
        required
        inputMode="url"
        autoComplete="off"
        error={errors.issuer?.message}
        {...register("issuer")}
      />
      <TextField id="sso-client-id" label="Client id" required autoComplete="off" error={errors.clientId?.message} {...register("clientId")} />
      <TextField
        id="sso-client-secret"
        label="Client secret"
        type="password"
        autoComplete="new-password"
        required={!initial}
        hint={initial ? "Stored encrypted and never shown. Leave blank to keep the current secret." : "Stored encrypted and never shown again."}
        error={errors.clientSecret?.message}
        {...register("clientSecret")}
      />
      <TextAreaField
        id="sso-domains"
        label="Allowed e-mail domains"
        hint="One per line, such as agency.example.org. Only addresses in exactly these domains, verified by the provider, may sign in."
        required
        rows={3}
        error={errors.allowedDomains?.message}
        {...register("allowedDomains")}
      />
      <SelectField
        id="sso-default-role"
        label="Default role"
        hint="The role of people created on first sign-in when no mapping line applies."
        required
        error={errors.defaultRole?.message}
        {...register("defaultRole")}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {ROLE_LABELS[r]}
          </option>
        ))}
      </SelectField>
      <TextField
        id="sso-role-claim"
        label="Role claim (optional)"
        hint="The ID token claim that carries the person's group or role, such as “groups”."
        autoComplete="off"
        error={errors.roleClaim?.message}
        {...register("roleClaim")}
      />
      <TextAreaField
        id="sso-role-mapping"
        label="Role mapping (optional)"
        hint={`One line per value: “claim value = role”, such as “auditors = ${ROLE_LABELS[roles[0]!]}”. The first line whose value the person has decides.`}
        rows={3}
        error={errors.roleMapping?.message}
        {...register("roleMapping")}
      />
      <Checkbox
        id="sso-create-users"
        label="Create people on their first sign-in"
        hint={
          createUsers
            ? "People not yet in Ringfence get an account in this organisation with the mapped role."
            : "Only people an administrator has already added can sign in."
        }
        {...register("createUsers")}
      />
      <Checkbox
        id="sso-enabled"
        label="Enabled"
        hint="When off, nobody can sign in through this provider, including sign-ins already under way."
        {...register("enabled")}
      />
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : initial ? "Save single sign-on settings" : "Register provider"}
      </Button>
    </ClientForm>
  );
}

type CheckboxProps = React.InputHTMLAttributes<HTMLInputElement> & { id: string; label: string; hint?: string };

export function Checkbox({ id, label, hint, ...rest }: CheckboxProps & { ref?: React.Ref<HTMLInputElement> }) {
  return (
    <div className="mb-4 flex items-start gap-3">
      <input id={id} type="checkbox" className="mt-1 size-5 shrink-0" aria-describedby={hint ? `${id}-hint` : undefined} {...rest} />
      <div>
        <label htmlFor={id} className="text-sm font-semibold">
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
