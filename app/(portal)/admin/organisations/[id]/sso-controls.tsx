"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { removeSsoProviderAction, setPasswordSignInAction } from "./actions";
import { Checkbox } from "./sso-provider-form";

/** "Password sign-in allowed" for the organisation, saved with its own button. */
export function PasswordSignInSwitch({ organisationId, allowed }: { organisationId: string; allowed: boolean }) {
  const router = useRouter();
  const [checked, setChecked] = useState(allowed);
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await setPasswordSignInAction({ organisationId, allowed: checked });
    setPending(false);
    if (result.ok) {
      setMessage({
        text: checked
          ? "Password sign-in is allowed for this organisation."
          : "Password sign-in is off: people of this organisation sign in through single sign-on only.",
        tone: "success",
      });
      router.refresh();
      return;
    }
    // Keep what the administrator chose, and say why it was not saved.
    setMessage({ text: result.formError ?? "Not saved.", tone: "error" });
  }

  return (
    <ClientForm onSubmit={save} aria-label="Password sign-in">
      <FormAlert message={message?.tone === "error" ? message.text : null} />
      <FormAlert message={message?.tone === "success" ? message.text : null} tone="success" />
      <Checkbox
        id="password-sign-in"
        label="Password sign-in allowed"
        hint="When off, people of this organisation can sign in only through its single sign-on provider."
        checked={checked}
        onChange={(e) => setChecked(e.target.checked)}
      />
      <Button type="submit" variant="secondary" disabled={pending || checked === allowed}>
        {pending ? "Saving…" : "Save password setting"}
      </Button>
    </ClientForm>
  );
}

/** Removing the provider asks once more before it happens. */
export function RemoveProvider({ organisationId, name }: { organisationId: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function remove() {
    setPending(true);
    setError(null);
    const result = await removeSsoProviderAction({ organisationId });
    setPending(false);
    if (result.ok) {
      setConfirming(false);
      router.refresh();
      return;
    }
    setError(result.formError ?? "Not removed.");
  }

  return (
    <div>
      <FormAlert message={error} />
      {confirming ? (
        <div role="group" aria-label="Confirm removal" className="flex flex-wrap items-center gap-2">
          <p className="text-sm">Remove {name}? Nobody can then sign in through it, and password sign-in is allowed again.</p>
          <Button variant="danger" onClick={remove} disabled={pending}>
            {pending ? "Removing…" : "Yes, remove provider"}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Keep it
          </Button>
        </div>
      ) : (
        <Button variant="danger" onClick={() => setConfirming(true)}>
          Remove provider
        </Button>
      )}
    </div>
  );
}
