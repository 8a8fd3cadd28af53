"use client";
import { useState } from "react";
import Link from "next/link";
import { setEvidenceLinksAction } from "./actions";

export type PickerItem = { id: string; title: string; kind: string; validUntil: string | null };

/** Links vault items to one control; each change is saved at once. */
export function EvidencePicker({ attestationId, controlId, label, vault, initial, today, kinds }: { attestationId: string; controlId: string; label: string; vault: PickerItem[]; initial: string[]; today: string; kinds: string[] }) {
  const [selected, setSelected] = useState<string[]>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function toggle(id: string, on: boolean) {
    const next = on ? [...selected, id] : selected.filter((x) => x !== id);
    const before = selected;
    setSelected(next);
    setPending(true);
    const r = await setEvidenceLinksAction({ attestationId, controlId, evidenceIds: next });
    setPending(false);
    if (r.ok) setMessage(`Evidence saved (${r.data.count} linked)`);
    else {
      setSelected(before);
      setMessage(r.formError ?? "Not saved");
    }
  }

  return (
    <fieldset className="mt-3 rounded-md border border-gray-300 p-3">
      <legend className="px-1 text-sm font-semibold">Linked evidence for {label}</legend>
      <p className="text-xs text-muted">Kinds the catalog expects: {kinds.join(", ")}.</p>
      {vault.length === 0 ? (
        <p className="text-sm">Your vault is empty. <Link href="/vendor/evidence/new" className="underline">Add evidence</Link>.</p>
      ) : (
        <ul className="mt-1 max-h-48 overflow-y-auto">
          {vault.map((e) => {
            const expired = e.validUntil !== null && e.validUntil < today;
            return (
              <li key={e.id} className="flex items-start gap-2 py-0.5">
                <input id={`${label}-ev-${e.id}`} type="checkbox" className="mt-1 h-4 w-4" checked={selected.includes(e.id)} disabled={pending} onChange={(ev) => void toggle(e.id, ev.target.checked)} />
                <label htmlFor={`${label}-ev-${e.id}`} className="text-sm">
                  {e.title} <span className="text-muted">({e.kind})</span>
                  {expired ? <span className="ml-1 font-semibold text-red-800">expired {e.validUntil}</span> : null}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <p aria-live="polite" className="text-xs text-muted">{message}</p>
    </fieldset>
  );
}
