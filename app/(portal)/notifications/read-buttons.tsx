"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

function useRun() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<{ ok: boolean; formError?: string }>) {
    setPending(true);
    setError(null);
    const r = await action();
    setPending(false);
    if (r.ok) router.refresh();
    else setError(r.formError ?? "Not saved. Try again.");
  }
  return { pending, error, run };
}

export function MarkReadButton({ id, title }: { id: string; title: string }) {
  const { pending, error, run } = useRun();
  return (
    <div>
      <FormAlert message={error} />
      <Button variant="secondary" disabled={pending} onClick={() => void run(() => markNotificationReadAction({ id }))}>
        Mark read<span className="sr-only">: {title}</span>
      </Button>
    </div>
  );
}

export function MarkAllReadButton() {
  const { pending, error, run } = useRun();
  return (
    <div>
      <FormAlert message={error} />
      <Button disabled={pending} onClick={() => void run(() => markAllNotificationsReadAction({}))}>
        Mark all read
      </Button>
    </div>
  );
}
