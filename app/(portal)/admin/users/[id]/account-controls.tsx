"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { createPasswordLinkAction, setUserActiveAction } from "../actions";
import { OneTimeLink } from "../one-time-link";

export function AccountControls({ userId, name, active, isSelf }: { userId: string; name: string; active: boolean; isSelf: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [token, setToken] = useState<string | null>(null);

  const toggle = () =>
    start(async () => {
      setError(null);
      const r = await setUserActiveAction({ userId, active: !active });
      if (!r.ok) return setError(r.formError ?? "That did not work.");
      router.refresh();
    });
  const link = () =>
    start(async () => {
      setError(null);
      const r = await createPasswordLinkAction({ userId });
      if (!r.ok) return setError(r.formError ?? "That did not work.");
      setToken(r.data.token);
    });

  return (
    <div>
      <FormAlert message={error} />
      {token ? <OneTimeLink token={token} who={name} /> : null}
      <p className="mb-3 text-sm text-muted">
        {active
          ? "Deactivating ends this person's sessions at their next request and stops them signing in. Their records stay."
          : "This account is deactivated. Reactivating lets the person sign in again."}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button variant={active ? "danger" : "primary"} onClick={toggle} disabled={pending || isSelf}>
          {active ? "Deactivate account" : "Reactivate account"}
        </Button>
        <Button variant="secondary" onClick={link} disabled={pending || !active}>
          Create a password link
        </Button>
      </div>
      {isSelf ? <p className="mt-2 text-sm text-muted">You cannot deactivate your own account.</p> : null}
    </div>
  );
}
