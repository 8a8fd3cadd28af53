"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import Link from "next/link";
import type { ActionResult } from "@/lib/result";
import { Button } from "@/components/ui/button";
import { factorKindsAction } from "@/app/(auth)/factor-actions";
import { FactorChallenge, type FactorKinds } from "./factor-challenge";

type Pending = { resolve: (given: boolean) => void };

/**
 * Step-up for sensitive actions. Wrap the action call in `guard`: when the server
 * answers "step_up" (the second factor was given more than 15 minutes ago), a
 * dialog asks for the factor, and the call is made again once it is given. The
 * form keeps everything the person typed meanwhile.
 */
export function useStepUp() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [kinds, setKinds] = useState<FactorKinds | null | "none">(null);

  const ask = useCallback(async (): Promise<boolean> => {
    const k = await factorKindsAction({});
    setKinds(k.ok ? (k.data.totp || k.data.passkey ? k.data : "none") : "none");
    return new Promise<boolean>((resolve) => setPending({ resolve }));
  }, []);

  const guard = useCallback(
    async <T,>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
      const first = await call();
      if (first.ok || first.code !== "step_up") return first;
      const given = await ask();
      if (!given) return { ok: false, code: "step_up", formError: "Not done: this step needs your second factor." };
      return call();
    },
    [ask],
  );

  const close = (given: boolean) => {
    pending?.resolve(given);
    setPending(null);
  };

  // In a portal: the dialog has forms of its own and is often opened from inside another form.
  const dialog = pending ? createPortal(<StepUpDialog kinds={kinds} onClose={close} />, document.body) : null;
  return { guard, dialog };
}

function StepUpDialog({ kinds, onClose }: { kinds: FactorKinds | null | "none"; onClose: (given: boolean) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="step-up-title"
      className="w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-gray-300 p-0 shadow-xl backdrop:bg-black/40"
      onCancel={(e) => {
        e.preventDefault();
        onClose(false);
      }}
    >
      <div className="p-5">
        <h2 id="step-up-title" className="mb-1 text-lg font-semibold">
          Confirm it is you
        </h2>
        <p className="mb-4 text-sm text-muted">This step needs your second factor, given within the last 15 minutes.</p>
        {kinds === null && <p className="text-sm">Loading…</p>}
        {kinds === "none" && (
          <p className="mb-4 text-sm">
            Your account has no second factor yet.{" "}
            <Link href="/account/security" className="text-brand-700 underline">
              Set one up on your security page
            </Link>
            , then try again.
          </p>
        )}
        {kinds && kinds !== "none" && <FactorChallenge kinds={kinds} idPrefix="step-up" onDone={() => onClose(true)} />}
        <div className="mt-4 flex justify-end">
          <Button variant="secondary" onClick={() => onClose(false)}>
            Cancel
          </Button>
        </div>
      </div>
    </dialog>
  );
}
