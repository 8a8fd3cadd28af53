"use client";
import { HydrationGate } from "@/components/forms/client-form";
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import type { PickerResult } from "@/lib/evidence/queries";
import { EVIDENCE_KIND_LABELS } from "@/lib/validations/vendor-labels";
import { formatDate } from "@/lib/format";
import { Button } from "@/components/ui/button";
import { searchEvidenceAction } from "@/app/(portal)/vendor/evidence/actions";

export const evidenceKindLabel = (k: string) => EVIDENCE_KIND_LABELS[k as keyof typeof EVIDENCE_KIND_LABELS] ?? k;

type Props = {
  /** Label of the search box, e.g. "Find evidence to link to SDP-1.1". */
  searchLabel: string;
  /** Accessible name of the list of matches. */
  resultsLabel: string;
  /** Text of each match's button ("Link", "Attach"); its accessible name is `${chooseText} ${title}`. */
  chooseText: string;
  /** Items not to offer (already chosen). */
  excludeIds?: readonly string[];
  today: string;
  disabled?: boolean;
  onChoose: (item: PickerResult) => void;
  onClose: () => void;
};

/**
 * A search of the caller's own vault: current items only, newest first. It
 * searches on the server as the person types, so a page never carries the
 * whole vault, however large it grows.
 */
export function EvidenceSearch({ searchLabel, resultsLabel, chooseText, excludeIds = [], today, disabled, onChoose, onClose }: Props) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<PickerResult[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const seq = useRef(0);
  const uid = useId();

  useEffect(() => {
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
  }, [q]);

  const excluded = new Set(excludeIds);
  const offered = (results ?? []).filter((r) => !excluded.has(r.id));
  return (
    <HydrationGate>
      <div className="mt-2 rounded-md border border-gray-200 bg-gray-50 p-2">
        <label htmlFor={`${uid}-q`} className="block text-sm font-semibold">
          {searchLabel}
        </label>
        {/* Enter searches as typing does; it must not submit a form the search sits in (an answer). */}
        <input
          id={`${uid}-q`}
          type="search"
          value={q}
          maxLength={200}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
          placeholder="Title, description or file name"
          className="mt-1 block w-full rounded-md border border-gray-400 bg-white px-3 py-2 text-base"
          aria-describedby={`${uid}-hint`}
        />
        <p id={`${uid}-hint`} className="text-xs text-muted">
          Current items of your vault, newest first; retired items are not offered.
        </p>
        {searchError ? (
          <p role="alert" className="text-sm font-semibold text-red-800">
            {searchError}
          </p>
        ) : null}
        {results === null ? (
          <p className="text-sm">Searching…</p>
        ) : offered.length === 0 ? (
          <p className="text-sm">
            {q ? "Nothing else matches." : "Nothing else in your vault."}{" "}
            <Link href="/vendor/evidence/new" className="underline">
              Add evidence
            </Link>
            .
          </p>
        ) : (
          <ul className="mt-1 max-h-56 space-y-1 overflow-y-auto" aria-label={resultsLabel}>
            {offered.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span className="min-w-0 break-words">
                  {r.title}{" "}
                  <span className="text-muted">
                    ({evidenceKindLabel(r.kind)}
                    {r.fileName ? `, ${r.fileName}` : ""})
                  </span>
                  {r.validUntil !== null && r.validUntil < today ? (
                    <span className="ml-1 font-semibold text-red-800">expired on {formatDate(r.validUntil)}</span>
                  ) : null}
                </span>
                <Button variant="secondary" disabled={disabled} onClick={() => onChoose(r)} aria-label={`${chooseText} ${r.title}`}>
                  {chooseText}
                </Button>
              </li>
            ))}
          </ul>
        )}
        <Button variant="link" onClick={onClose}>
          Close the search
        </Button>
      </div>
    </HydrationGate>
  );
}
