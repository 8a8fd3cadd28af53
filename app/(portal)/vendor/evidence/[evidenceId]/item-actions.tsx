"use client";
import { HydrationGate } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { deleteEvidenceAction, setEvidenceRetiredAction } from "../actions";

/** Retire or restore the item, and delete it while nothing depends on it. */
export function ItemActions({
  evidenceId,
  title,
  retired,
  deleteBlocker,
}: {
  evidenceId: string;
  title: string;
  retired: boolean;
  deleteBlocker: string | null;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [confirm, setConfirm] = useState(false);

  async function retire() {
    setPending(true);
    setError(null);
    const r = await setEvidenceRetiredAction({ evidenceId, retired: !retired });
    setPending(false);
    if (r.ok) router.refresh();
    else setError(r.formError ?? "Not saved.");
  }

  async function remove() {
    setPending(true);
    setError(null);
    const r = await deleteEvidenceAction({ evidenceId, confirm: confirm as true });
    setPending(false);
    if (r.ok) router.push("/vendor/evidence");
    else setError(r.formError ?? r.fieldErrors?.confirm?.[0] ?? "Not deleted.");
  }

  return (
    <HydrationGate>
      <section aria-labelledby="manage-h" className="mt-8 rounded-lg border border-gray-300 bg-white p-4">
        <h2 id="manage-h" className="mb-2 text-lg font-semibold">
          Retire or delete
        </h2>
        <FormAlert message={error} />
        <p className="mb-2 text-sm">
          {retired
            ? "Restore the item to offer it again when linking evidence."
            : "Retire evidence that is no longer current: it stays in place where it was used, and is no longer offered for new links."}
        </p>
        <Button variant="secondary" onClick={() => void retire()} disabled={pending}>
          {retired ? "Restore" : "Retire"} this item
        </Button>
        <div className="mt-4 border-t border-gray-200 pt-4">
          {deleteBlocker ? (
            <p className="text-sm">
              <span className="font-semibold">Cannot be deleted.</span> {deleteBlocker}
            </p>
          ) : (
            <>
              <p className="mb-2 text-sm">Nothing is linked to “{title}” and no submission includes it, so it can be deleted with its version history.</p>
              <div className="mb-2 flex items-start gap-2">
                <input id="confirm-delete" type="checkbox" className="mt-1 h-4 w-4" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} />
                <label htmlFor="confirm-delete" className="text-sm">
                  I understand that deleting cannot be undone.
                </label>
              </div>
              <Button variant="danger" onClick={() => void remove()} disabled={pending || !confirm}>
                Delete this item
              </Button>
            </>
          )}
        </div>
      </section>
    </HydrationGate>
  );
}
