"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { resetFactorsAction } from "../../security/actions";

/** An administrator's reset of a person's second factors (lost phone or key). */
export function ResetFactors({ userId, name, factorCount }: { userId: string; name: string; factorCount: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const [busy, setBusy] = useState(false);
  async function reset() {
    if (!window.confirm(`Remove all second factors and recovery codes of ${name} and end their sessions?`)) return;
    setBusy(true);
    setMessage(null);
    const r = await resetFactorsAction({ id: userId });
    setBusy(false);
    if (!r.ok) return setMessage({ text: r.formError ?? "The factors were not reset.", tone: "error" });
    setMessage({
      text: `Removed ${r.data.removed} factor${r.data.removed === 1 ? "" : "s"} and ended ${r.data.sessionsEnded} session${r.data.sessionsEnded === 1 ? "" : "s"}. ${name} has been told.`,
      tone: "success",
    });
    router.refresh();
  }
  return (
    <div>
      <h2 className="mb-2 text-lg font-semibold">Second factors</h2>
      <FormAlert message={message?.text} tone={message?.tone} />
      <p className="mb-3 text-sm text-muted">
        {factorCount ? `${factorCount} second factor${factorCount === 1 ? "" : "s"} set up.` : "No second factor set up."} Reset them when the person has lost
        their device; they set up a new one at their next sign-in.
      </p>
      <Button variant="danger" onClick={() => void reset()} disabled={busy || factorCount === 0}>
        {busy ? "Resetting…" : "Reset second factors"}
      </Button>
    </div>
  );
}
