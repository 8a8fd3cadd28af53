"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { EnrolFactor, RecoveryCodes } from "@/components/auth/enrol-factor";
import { useStepUp } from "@/components/auth/step-up";
import { Card } from "@/components/ui/page-header";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { regenerateRecoveryCodesAction, removeFactorAction } from "@/app/(auth)/factor-actions";

/** `added` and `lastUsed` are already formatted in the reader's zone by the page. */
type Factor = { id: string; kind: "totp" | "webauthn"; label: string; added: string; lastUsed: string | null };

export function SecurityPanel({ factors, recoveryLeft, required }: { factors: Factor[]; recoveryLeft: number; required: boolean }) {
  const router = useRouter();
  const stepUp = useStepUp();
  const [adding, setAdding] = useState(false);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const hasTotp = factors.some((f) => f.kind === "totp");

  async function remove(f: Factor) {
    if (!window.confirm(`Remove “${f.label}”? You will no longer be able to use it to sign in.`)) return;
    setBusy(f.id);
    setMessage(null);
    const r = await stepUp.guard(() => removeFactorAction({ id: f.id }));
    setBusy(null);
    if (!r.ok) return setMessage({ text: r.formError ?? "It could not be removed.", tone: "error" });
    setMessage({ text: `“${f.label}” was removed.`, tone: "success" });
    router.refresh();
  }

  async function regenerate() {
    if (!window.confirm("Make ten new recovery codes? Your current codes stop working.")) return;
    setBusy("codes");
    setMessage(null);
    const r = await stepUp.guard(() => regenerateRecoveryCodesAction({}));
    setBusy(null);
    if (!r.ok) return setMessage({ text: r.formError ?? "New codes could not be made.", tone: "error" });
    setCodes(r.data.recoveryCodes);
  }

  if (codes) {
    return (
      <Card>
        <RecoveryCodes
          codes={codes}
          continueLabel="Done"
          onContinue={() => {
            setCodes(null);
            router.refresh();
          }}
        />
      </Card>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {stepUp.dialog}
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Your second factors</h2>
        <FormAlert message={message?.text} tone={message?.tone} />
        {factors.length === 0 ? (
          <p className="mb-4 text-sm text-muted">
            {required ? "None yet. Your role requires one: add it now." : "None yet. Add an authenticator app or a passkey."}
          </p>
        ) : (
          <ul className="mb-4 divide-y divide-gray-200 rounded border border-gray-200">
            {factors.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <p className="font-semibold">{f.label}</p>
                  <p className="text-sm text-muted">
                    {f.kind === "totp" ? "Authenticator app" : "Passkey or security key"} · added {f.added}
                    {f.lastUsed ? ` · last used ${f.lastUsed}` : ""}
                  </p>
                </div>
                <Button variant="secondary" onClick={() => void remove(f)} disabled={busy !== null} aria-label={`Remove ${f.label}`}>
                  {busy === f.id ? "Removing…" : "Remove"}
                </Button>
              </li>
            ))}
          </ul>
        )}
        {adding ? (
          <div className="rounded border border-gray-200 p-3">
            <EnrolFactor
              allowTotp={!hasTotp}
              guard={stepUp.guard}
              onEnrolled={(c) => {
                setAdding(false);
                if (c) setCodes(c);
                else setMessage({ text: "Your new factor is on.", tone: "success" });
                router.refresh();
              }}
            />
            <Button variant="link" className="mt-3" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        ) : (
          <Button onClick={() => setAdding(true)}>Add a second factor</Button>
        )}
      </Card>
      <Card>
        <h2 className="mb-2 text-lg font-semibold">Recovery codes</h2>
        {factors.length === 0 ? (
          <p className="text-sm text-muted">You get ten one-time recovery codes when you add your first second factor.</p>
        ) : (
          <>
            <p className="mb-4 text-sm text-muted">
              {recoveryLeft} of 10 unused. Each code signs you in once if you lose your device{recoveryLeft <= 3 ? "; make new ones soon." : "."}
            </p>
            <Button variant="secondary" onClick={() => void regenerate()} disabled={busy !== null}>
              {busy === "codes" ? "Making codes…" : "Make new recovery codes"}
            </Button>
          </>
        )}
      </Card>
    </div>
  );
}
