"use client";
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import type { PickerResult } from "@/lib/evidence/queries";
import { EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor";
import { Button } from "@/components/ui/button";
import { searchEvidenceAction } from "@/app/(portal)/vendor/evidence/actions";
import { setEvidenceLinksAction } from "./actions";

export type PickerItem = { id: string; title: string; kind: string; validUntil: string | null; status?: "active" | "retired" };

const kindLabel = (k: string) => EVIDENCE_KIND_LABELS[k as keyof typeof EVIDENCE_KIND_LABELS] ?? k;

/**
 * The evidence linked to one control, and a search of the vault to link more.
 * Each change is saved at once. The vault is searched on the server, so the
 * page never carries the whole vault, however large it grows.
 */
export function EvidencePicker({ attestationId, controlId, label, initial, today, kinds }: { attestationId: string; controlId: string; label: string; initial: PickerItem[]; today: string; kinds: string[] }) {
  const [linked, setLinked] = useState<PickerItem[]>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickerResult[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const seq = useRef(0);
  const uid = useId();

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      const r = await searchEvidenceAction({ q, kind: "" });
      if (mine !== seq.current) return; // a newer search has started
      if (r.ok) {
        setResults(r.data);
        setSearchError(null);
      } else setSearchError(r.fieldErrors?.q?.[0] ?? r.formError ?? "The search failed.");
    }, 250);
    return () => clearTimeout(t);
  }, [q, open]);

  async function save(next: PickerItem[], done: string) {
    const before = linked;
    setLinked(next);
    setPending(true);
    const r = await setEvidenceLinksAction({ attestationId, controlId, evidenceIds: next.map((e) => e.id) });
    setPending(false);
    if (r.ok) setMessage(`${done} Evidence saved (${r.data.count} linked).`);
    else {
      setLinked(before);
      setMessage(r.formError ?? "Not saved.");
    }
  }

  const linkedIds = new Set(linked.map((e) => e.id));
  const offered = (results ?? []).filter((r) => !linkedIds.has(r.id));
  return (
    <fieldset className="mt-3 rounded-md border border-gray-300 p-3">
      <legend className="px-1 text-sm font-semibold">Linked evidence for {label}</legend>
      <p className="text-xs text-muted">Kinds the catalog expects: {kinds.map(kindLabel).join(", ")}.</p>
      {linked.length === 0 ? <p className="mt-1 text-sm">No evidence linked yet.</p> : (
        <ul className="mt-1 space-y-1" aria-label={`Evidence linked to ${label}`}>
          {linked.map((e) => {
            const expired = e.validUntil !== null && e.validUntil < today;
            return (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <Link href={`/vendor/evidence/${e.id}`} className="underline">{e.title}</Link> <span className="text-muted">({kindLabel(e.kind)})</span>
                  {expired ? <span className="ml-1 font-semibold text-red-800">expired {e.validUntil}</span> : null}
                  {e.status === "retired" ? <span className="ml-1 font-semibold">retired</span> : null}
                </span>
                <Button variant="link" disabled={pending} onClick={() => void save(linked.filter((x) => x.id !== e.id), `Unlinked “${e.title}”.`)} aria-label={`Unlink ${e.title}`}>Unlink</Button>
              </li>
            );
          })}
        </ul>
      )}
      {open ? (
        <div className="mt-2 rounded-md border border-gray-200 bg-gray-50 p-2">
          <label htmlFor={`${uid}-q`} className="block text-sm font-semibold">Find evidence to link to {label}</label>
          <input id={`${uid}-q`} type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} placeholder="Title, description or file name" className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base" aria-describedby={`${uid}-hint`} />
          <p id={`${uid}-hint`} className="text-xs text-muted">Current items of your vault, newest first; retired items are not offered.</p>
          {searchError ? <p role="alert" className="text-sm font-semibold text-red-800">{searchError}</p> : null}
          {results === null ? <p className="text-sm">Searching…</p> : offered.length === 0 ? (
            <p className="text-sm">{q ? "Nothing else matches." : "Nothing else in your vault."} <Link href="/vendor/evidence/new" className="underline">Add evidence</Link>.</p>
          ) : (
            <ul className="mt-1 max-h-56 space-y-1 overflow-y-auto" aria-label={`Matching evidence for ${label}`}>
              {offered.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                  <span>{r.title} <span className="text-muted">({kindLabel(r.kind)}{r.fileName ? `, ${r.fileName}` : ""})</span>{r.validUntil !== null && r.validUntil < today ? <span className="ml-1 font-semibold text-red-800">expired {r.validUntil}</span> : null}</span>
                  <Button variant="secondary" disabled={pending} onClick={() => void save([...linked, { id: r.id, title: r.title, kind: r.kind, validUntil: r.validUntil, status: "active" }], `Linked “${r.title}”.`)} aria-label={`Link ${r.title}`}>Link</Button>
                </li>
              ))}
            </ul>
          )}
          <Button variant="link" onClick={() => setOpen(false)}>Close the search</Button>
        </div>
      ) : (
        <Button variant="secondary" className="mt-2" onClick={() => setOpen(true)}>Link evidence to {label}</Button>
      )}
      <p aria-live="polite" className="text-xs text-muted">{message}</p>
    </fieldset>
  );
}
