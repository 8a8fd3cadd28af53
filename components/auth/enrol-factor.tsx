"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { startRegistration } from "@simplewebauthn/browser";
import type { ActionResult } from "@/lib/result";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { confirmTotpEnrolmentAction, passkeyRegistrationOptionsAction, registerPasskeyAction, startTotpEnrolmentAction } from "@/app/(auth)/factor-actions";

type Guard = <T>(call: () => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;
const direct: Guard = (call) => call();

type Step = { kind: "choose" } | { kind: "totp"; secret: string; qrSvg: string; uri: string } | { kind: "passkey" };

/**
 * Sets up a second factor: an authenticator app (QR code, or the key typed in)
 * confirmed by its first code, or a passkey / security key registered through the
 * browser. `onEnrolled` receives the recovery codes when these were the first.
 */
export function EnrolFactor({
  allowTotp = true,
  guard = direct,
  onEnrolled,
}: {
  allowTotp?: boolean;
  guard?: Guard;
  onEnrolled: (recoveryCodes: string[] | null) => void;
}) {
  const [step, setStep] = useState<Step>({ kind: "choose" });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState("");
  const [label, setLabel] = useState("Passkey");

  async function startTotp() {
    setBusy(true);
    setError(null);
    const result = await guard(() => startTotpEnrolmentAction({}));
    setBusy(false);
    if (!result.ok) return setError(result.formError ?? "Could not start the setup.");
    setStep({ kind: "totp", ...result.data });
  }

  async function confirmTotp(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const result = await guard(() => confirmTotpEnrolmentAction({ code }));
    setBusy(false);
    if (!result.ok) return setError(result.fieldErrors?.code?.[0] ?? result.formError ?? "That code does not match.");
    onEnrolled(result.data.recoveryCodes);
  }

  async function registerPasskey(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const options = await guard(() => passkeyRegistrationOptionsAction({}));
      if (!options.ok) return setError(options.formError ?? "Could not start the registration.");
      let response;
      try {
        response = await startRegistration(options.data.options);
      } catch {
        return setError("The browser did not complete the registration. Try again; if your device has no passkey support, use an authenticator app.");
      }
      const result = await registerPasskeyAction({ label, response: response as never });
      if (!result.ok) return setError(result.fieldErrors?.label?.[0] ?? result.formError ?? "The passkey could not be registered.");
      onEnrolled(result.data.recoveryCodes);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <FormAlert message={error} />
      {step.kind === "choose" && (
        <div className="grid gap-3 sm:grid-cols-2">
          {allowTotp && (
            <Choice title="Authenticator app" onClick={startTotp} disabled={busy}>
              A six-digit code from an app on your phone (Microsoft Authenticator, Google Authenticator, 1Password…).
            </Choice>
          )}
          <Choice title="Passkey or security key" onClick={() => setStep({ kind: "passkey" })} disabled={busy}>
            Your device’s fingerprint, face or PIN, or a hardware key. Resists phishing.
          </Choice>
        </div>
      )}
      {step.kind === "totp" && (
        <ClientForm method="post" onSubmit={confirmTotp} noValidate>
          <ol className="mb-4 list-decimal space-y-2 pl-5 text-sm">
            <li>Open your authenticator app and add an account.</li>
            <li>
              Scan this QR code, or type the key below.
              {/* The SVG is produced on the server by the qrcode library from the otpauth URI: no script, no outside content. */}
              <div
                className="my-3 h-48 w-48 rounded border border-gray-200 bg-white p-1 [&>svg]:h-full [&>svg]:w-full"
                role="img"
                aria-label="QR code for your authenticator app"
                dangerouslySetInnerHTML={{ __html: step.qrSvg }}
              />
              <p>
                Key:{" "}
                <code className="rounded bg-gray-100 px-1 font-mono break-all" data-testid="totp-secret">
                  {step.secret.match(/.{1,4}/g)?.join(" ")}
                </code>
              </p>
            </li>
            <li>Enter the six-digit code the app shows for Ringfence.</li>
          </ol>
          <TextField
            id="enrol-code"
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy || !code.trim()}>
              {busy ? "Checking…" : "Confirm and turn on"}
            </Button>
            <Button variant="secondary" onClick={() => setStep({ kind: "choose" })} disabled={busy}>
              Back
            </Button>
          </div>
        </ClientForm>
      )}
      {step.kind === "passkey" && (
        <ClientForm method="post" onSubmit={registerPasskey} noValidate>
          <TextField
            id="passkey-label"
            label="Name for this passkey"
            hint="So you can tell your passkeys apart later, e.g. “Work laptop”."
            required
            maxLength={60}
            value={label}
            onChange={(e) => setLabel(e.target.value)}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy || !label.trim()}>
              {busy ? "Waiting for your device…" : "Register passkey"}
            </Button>
            <Button variant="secondary" onClick={() => setStep({ kind: "choose" })} disabled={busy}>
              Back
            </Button>
          </div>
        </ClientForm>
      )}
    </div>
  );
}

/** One way to set up a factor, as a large button: its name and a line on what it is. */
function Choice({ title, children, onClick, disabled }: { title: string; children: React.ReactNode; onClick: () => void; disabled: boolean }) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      className="rounded-md border border-gray-300 p-4 text-left hover:border-brand-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-700"
    >
      <span className="block font-semibold">{title}</span>
      <span className="block text-sm text-muted">{children}</span>
    </button>
  );
}

/** Recovery codes, shown once: copy, download, and confirm they are saved before going on. */
export function RecoveryCodes({ codes, onContinue, continueLabel = "Continue" }: { codes: string[]; onContinue: () => void; continueLabel?: string }) {
  const [saved, setSaved] = useState(false);
  const text = `Ringfence recovery codes\nEach code works once. Keep them somewhere safe, apart from your devices.\n\n${codes.join("\n")}\n`;
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "ringfence-recovery-codes.txt";
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div>
      <h2 className="mb-1 text-lg font-semibold">Save your recovery codes</h2>
      <p className="mb-3 text-sm text-muted">If you lose your device, each of these codes lets you in once. They are shown only now.</p>
      <ul
        className="mb-3 grid grid-cols-2 gap-1 rounded border border-gray-200 bg-gray-50 p-3 font-mono text-sm"
        aria-label="Recovery codes"
        data-testid="recovery-codes"
      >
        {codes.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      <div className="mb-3 flex flex-wrap gap-2">
        <Button variant="secondary" onClick={download}>
          Download as text
        </Button>
        <Button variant="secondary" onClick={() => void navigator.clipboard?.writeText(text)}>
          Copy
        </Button>
      </div>
      <label className="mb-3 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} className="h-4 w-4" />I have saved these codes
      </label>
      <Button onClick={onContinue} disabled={!saved}>
        {continueLabel}
      </Button>
    </div>
  );
}
