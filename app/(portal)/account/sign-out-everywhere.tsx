"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { signOutEverywhereAction } from "./actions";

export function SignOutEverywhere() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <FormAlert message={error} />
      <Button
        variant="danger"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const r = await signOutEverywhereAction({});
            if (!r.ok) return setError(r.formError ?? "That did not work.");
            router.replace("/login");
            router.refresh();
          })
        }
      >
        {pending ? "Signing out…" : "Sign out everywhere"}
      </Button>
    </>
  );
}
