"use client";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { ActionResult } from "@/lib/result";

/** Takes the action as a prop so this shared component does not import a route's actions. */
export function ReanalyseButton({ id, action }: { id: string; action: (input: { id: string }) => Promise<ActionResult<{ worstSeverity: string | null }>> }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await action({ id });
            setMessage(
              res.ok
                ? { tone: "success", text: "Re-analysed with the current analyser and thresholds." }
                : { tone: "error", text: res.formError ?? "Could not re-analyse." },
            );
          })
        }
      >
        {pending ? "Re-analysing…" : "Re-analyse"}
      </Button>
      <FormAlert message={message?.text} tone={message?.tone} />
    </div>
  );
}
