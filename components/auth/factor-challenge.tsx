"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { startAuthentication } from "@simplewebauthn/browser";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { passkeyOptionsAction, verifyPasskeyAction, verifyRecoveryCodeAction, verifyTotpAction } from "@/app/(auth)/factor-actions";

export type FactorKinds = { totp: boolean; passkey: boolean; recoveryLeft: number };

type Mode = "totp" | "passkey" | "recovery";

/**
 * Asks for a second factor: a code from the authenticator app, a passkey or
 * security key, or a recovery code. Used at sign-in (/login/factor) and for
 * step-up before sensitive actions. What was typed stays in the field on error.
 */
export function FactorChallenge({
  kinds,
  next,
  onDone,
  idPrefix = "factor",
}: {
  kinds: FactorKinds;
  next?: string;
  onDone: (redirectTo: string) => void;
  idPrefix?: string;
}) {
  const [mode, setMode] = useState<Mode>(kinds.passkey && !kinds.totp ? "passkey" : kinds.totp ? "totp" : "recovery");
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submitCode(e: React.FormEvent) {
    e.preventDefault();
    // React events bubble through portals: the step-up dialog's form must not submit the form that opened it.
    e.stopPropagation();
    setBusy(true);
    setError(null);
    try {
      const result = mode === "totp" ? await verifyTotpAction({ code, next }) : await verifyRecoveryCodeAction({ code, next });
      if (result.ok) return onDone(result.data.redirectTo);
      setError(result.fieldErrors?.code?.[0] ?? result.formError ?? "That did not work. Try again.");
    } finally {
      setBusy(false);
    }
  }

  async function usePasskey() {
    setBusy(true);
    setError(null);
    try {
      const options = await passkeyOptionsAction({});
      if (!options.ok) return setError(options.formError ?? "Passkeys are not available right now.");
      let response;
      try {
        response = await startAuthentication(options.data.options);
      } catch {
        return setError("The browser did not complete the passkey request. Try again, or use another way.");
      }
      const result = await verifyPasskeyAction({ response: response as never, next });
      if (result.ok) return onDone(result.data.redirectTo);
      setError(result.formError ?? "The passkey was not accepted.");
    } finally {
      setBusy(false);
    }
  }

  const choose = (m: Mode) => {
    setMode(m);
    setCode("");
    setError(null);
  };

  return (
    <div>
      <FormAlert message={error} />
      {mode === "passkey" && (
        <div className="mb-4">
          <p className="mb-3 text-sm text-muted">Use the passkey or security key you registered for this account.</p>
          <Button className="w-full" onClick={usePasskey} disabled={busy}>
            {busy ? "Waiting for your passkey…" : "Use a passkey or security key"}
          </Button>
        </div>
      )}
      {mode !== "passkey" && (
        <ClientForm method="post" onSubmit={submitCode} noValidate className="mb-4">
          <TextField
            id={`${idPrefix}-${mode}`}
            label={mode === "totp" ? "Code from your authenticator app" : "Recovery code"}
            hint={
              mode === "totp"
                ? "Six digits; a new one appears every 30 seconds."
                : `One of the codes you saved when you set up your second factor. Each works once (${kinds.recoveryLeft} left).`
            }
            inputMode={mode === "totp" ? "numeric" : "text"}
            autoComplete="one-time-code"
            autoFocus
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <Button type="submit" className="w-full" disabled={busy || !code.trim()}>
            {busy ? "Checking…" : "Continue"}
          </Button>
        </ClientForm>
      )}
      <div className="flex flex-col items-start gap-2 border-t border-gray-200 pt-3 text-sm">
        <span className="text-muted">Another way:</span>
        {mode !== "totp" && kinds.totp && (
          <Button variant="link" onClick={() => choose("totp")}>
            Enter a code from your authenticator app
          </Button>
        )}
        {mode !== "passkey" && kinds.passkey && (
          <Button variant="link" onClick={() => choose("passkey")}>
            Use a passkey or security key
          </Button>
        )}
        {mode !== "recovery" && kinds.recoveryLeft > 0 && (
          <Button variant="link" onClick={() => choose("recovery")}>
            Use a recovery code
          </Button>
        )}
      </div>
    </div>
  );
}
