"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { addRolloutToEvidenceAction } from "../actions";

export function AddToEvidenceButton({ id }: { id: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const res = await addRolloutToEvidenceAction({ id });
            setMessage(
              res.ok
                ? { tone: "success", text: res.data.created ? "Added to the evidence vault." : "Already in the evidence vault." }
                : { tone: "error", text: res.formError ?? "Could not add it." },
            );
          })
        }
      >
        {pending ? "Adding…" : "Add to evidence vault"}
      </Button>
      <FormAlert message={message?.text} tone={message?.tone} />
      {message?.tone === "success" ? (
        <Link href="/vendor/evidence" className="text-sm underline">
          Open the evidence vault
        </Link>
      ) : null}
    </div>
  );
}
