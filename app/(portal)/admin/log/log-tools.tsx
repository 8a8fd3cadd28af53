"use client";
import { ClientForm } from "@/components/forms/client-form";
import { count, formatNumber } from "@/lib/format";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextAreaField } from "@/components/ui/field";
import type { VerifyResult } from "@/lib/transparency/verify";
import { signCheckpointAction, verifyLogAction } from "./actions";

export function VerifyForm() {
  const [trusted, setTrusted] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [result, setResult] = useState<VerifyResult | null>(null);
  return (
    <ClientForm
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        setFieldError(undefined);
        setResult(null);
        const r = await verifyLogAction({ trusted });
        setBusy(false);
        if (r.ok) setResult(r.data);
        else {
          setError(r.formError ?? "The log could not be verified.");
          setFieldError(r.fieldErrors?.trusted?.[0]);
        }
      }}
    >
      <FormAlert message={error} />
      <TextAreaField
        id="trusted"
        name="trusted"
        label="Start from a checkpoint you kept (optional)"
        hint="Paste a signed checkpoint copied earlier from /api/log/checkpoint. Leave empty to verify every event from the first."
        rows={5}
        value={trusted}
        onChange={(e) => setTrusted(e.target.value)}
        error={fieldError}
      />
      <Button type="submit" disabled={busy}>
        {busy ? "Verifying… (a million events take about half a minute)" : "Verify the log now"}
      </Button>
      <div aria-live="polite" className="mt-4">
        {result ? (
          result.ok ? (
            <p className="rounded border border-green-700 bg-green-50 p-3 text-sm" role="status">
              <strong>The log verifies.</strong> {count(result.events, "event")}
              {result.from ? ` (from trusted size ${result.from})` : ""}, {formatNumber(result.matchedCheckpoints)} of{" "}
              {count(result.checkpoints, "signed checkpoint")} reproduced, root <code className="break-all">{result.root}</code>, in{" "}
              {(result.ms / 1000).toFixed(1)} s.
            </p>
          ) : (
            <div className="rounded border border-red-700 bg-red-50 p-3 text-sm" role="alert">
              <p>
                <strong>The log does NOT verify.</strong> First bad event: {result.firstBad!.exact ? "" : "at or after "}#{result.firstBad!.seq}.{" "}
                {result.firstBad!.reason}.
              </p>
              {result.problems.length > 1 ? (
                <ul className="mt-2 list-disc pl-5">
                  {result.problems.map((p, i) => (
                    <li key={i}>{p.reason}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          )
        ) : null}
      </div>
    </ClientForm>
  );
}

export function SignCheckpointButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <FormAlert message={error} />
      <Button
        variant="secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const r = await signCheckpointAction({});
          setBusy(false);
          if (r.ok) router.refresh();
          else setError(r.formError ?? "No checkpoint could be signed.");
        }}
      >
        {busy ? "Signing…" : "Sign a checkpoint now"}
      </Button>
    </div>
  );
}
