"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { revokeApiTokenAction } from "./actions";

export function RevokeButton({ id, name }: { id: string; name: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [confirming, setConfirming] = useState(false);
  if (!confirming)
    return (
      <Button variant="secondary" onClick={() => setConfirming(true)} aria-label={`Revoke ${name}`}>
        Revoke
      </Button>
    );
  return (
    <span className="flex flex-wrap gap-2">
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          start(async () => {
            await revokeApiTokenAction({ id });
            router.refresh();
          })
        }
      >
        {pending ? "Revoking…" : `Confirm: revoke ${name}`}
      </Button>
      <Button variant="secondary" onClick={() => setConfirming(false)}>
        Keep
      </Button>
    </span>
  );
}
