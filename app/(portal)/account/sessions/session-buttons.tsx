"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { Card, EmptyState } from "@/components/ui/page-header";
import { count } from "@/lib/format";
import { endOtherSessionsAction, endSessionAction } from "./actions";

/** "End session" for one row; `describedBy` names the row's heading, so the button says which session it ends. */
export function EndSessionButton({ sessionId, current, describedBy }: { sessionId: string; current: boolean; describedBy: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const end = () =>
    start(async () => {
      setError(null);
      const r = await endSessionAction({ sessionId });
      if (!r.ok) {
        setError(r.formError ?? "That did not work.");
        return router.refresh();
      }
      if (r.data.signedOut) {
        router.replace("/login");
        router.refresh();
      }
    });
  return (
    <div className="sm:text-right">
      <FormAlert message={error} />
      <Button variant={current ? "secondary" : "danger"} onClick={end} disabled={pending} aria-describedby={describedBy}>
        {pending ? "Ending…" : "End session"}
      </Button>
      {current ? <p className="mt-1 text-xs text-muted">Ending this one signs you out here.</p> : null}
    </div>
  );
}

/**
 * "End all other sessions", or the empty state when there are none. One component either way,
 * so the result message survives the refresh that removes the card.
 */
export function OtherSessions({ others }: { others: number }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const end = () =>
    start(async () => {
      setMessage(null);
      const r = await endOtherSessionsAction({});
      if (!r.ok) return setMessage({ text: r.formError ?? "That did not work.", tone: "error" });
      setMessage({ text: r.data.ended ? `Ended ${count(r.data.ended, "other session")}.` : "There were no other sessions to end.", tone: "success" });
      router.refresh();
    });
  return (
    <div>
      <FormAlert message={message?.text} tone={message?.tone} />
      {others > 0 ? (
        <Card>
          <h2 className="mb-2 text-lg font-semibold">End all other sessions</h2>
          <p className="mb-4 text-sm text-muted">Signs out every other browser and device; you stay signed in here.</p>
          <Button variant="danger" onClick={end} disabled={pending}>
            {pending ? "Ending…" : "End all other sessions"}
          </Button>
        </Card>
      ) : (
        <EmptyState title="No other sessions">This is your only session. When you sign in on another browser or device, it is listed here.</EmptyState>
      )}
    </div>
  );
}
