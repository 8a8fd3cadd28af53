"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { count } from "@/lib/format";
import { endUserSessionsAction } from "./actions";

export function SessionsControl({ userId, live, isSelf }: { userId: string; live: number; isSelf: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const end = () =>
    start(async () => {
      setMessage(null);
      const r = await endUserSessionsAction({ userId });
      if (!r.ok) return setMessage({ text: r.formError ?? "That did not work.", tone: "error" });
      if (isSelf) {
        router.replace("/login");
        return router.refresh();
      }
      setMessage({
        text: r.data.ended ? `Ended ${count(r.data.ended, "session")}. The person has been told.` : "There were no sessions to end.",
        tone: "success",
      });
      router.refresh();
    });
  return (
    <div>
      <FormAlert message={message?.text} tone={message?.tone} />
      <p className="mb-3 text-sm" data-testid="live-sessions">
        {live === 0 ? "No live sessions." : `${count(live, "live session")}.`}
      </p>
      <p className="mb-3 text-sm text-muted">
        Ending them signs the person out on every device at their next request; they can sign in again. They are told by notification and e-mail.
        {isSelf ? " This is your own account: you will be signed out too." : ""}
      </p>
      <Button variant="danger" onClick={end} disabled={pending || live === 0}>
        {pending ? "Ending…" : "End all sessions"}
      </Button>
    </div>
  );
}
