"use client";
import { useState } from "react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/lib/format";
import { EvidenceSearch, evidenceKindLabel as kindLabel } from "@/components/evidence/evidence-search";
import { setEvidenceLinksAction } from "./actions";

export type PickerItem = { id: string; title: string; kind: string; validUntil: string | null; status?: "active" | "retired" };

/**
 * The evidence linked to one control, and a search of the vault to link more.
 * Each change is saved at once. The vault is searched on the server, so the
 * page never carries the whole vault, however large it grows.
 */
export function EvidencePicker({
  attestationId,
  controlId,
  label,
  initial,
  today,
  kinds,
  required = false,
  onSaved,
}: {
  attestationId: string;
  controlId: string;
  label: string;
  initial: PickerItem[];
  today: string;
  kinds: string[];
  required?: boolean;
  onSaved?: (linked: PickerItem[]) => void;
}) {
  const [linked, setLinked] = useState<PickerItem[]>(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [open, setOpen] = useState(false);

  async function save(next: PickerItem[], done: string) {
    const before = linked;
    setLinked(next);
    setPending(true);
    const r = await setEvidenceLinksAction({ attestationId, controlId, evidenceIds: next.map((e) => e.id) });
    setPending(false);
    if (r.ok) {
      setMessage(`${done} Evidence saved (${r.data.count} linked).`);
      onSaved?.(next);
    } else {
      setLinked(before);
      setMessage(r.formError ?? "Not saved.");
    }
  }

  return (
    <fieldset id={`${label}-evidence`} className="mt-3 scroll-mt-4 rounded-md border border-gray-300 p-3">
      <legend className="px-1 text-sm font-semibold">
        Linked evidence for {label}
        {required ? " (required)" : ""}
      </legend>
      <p className="text-xs text-muted">Kinds the catalog expects: {kinds.map(kindLabel).join(", ")}.</p>
      {linked.length === 0 ? (
        <p className="mt-1 text-sm">No evidence linked yet.</p>
      ) : (
        <ul className="mt-1 space-y-1" aria-label={`Evidence linked to ${label}`}>
          {linked.map((e) => {
            const expired = e.validUntil !== null && e.validUntil < today;
            return (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 text-sm">
                <span>
                  <Link href={`/vendor/evidence/${e.id}`} className="underline">
                    {e.title}
                  </Link>{" "}
                  <span className="text-muted">({kindLabel(e.kind)})</span>
                  {expired ? <span className="ml-1 font-semibold text-red-800">expired on {formatDate(e.validUntil)}</span> : null}
                  {e.status === "retired" ? <span className="ml-1 font-semibold">retired</span> : null}
                </span>
                <Button
                  variant="link"
                  disabled={pending}
                  onClick={() =>
                    void save(
                      linked.filter((x) => x.id !== e.id),
                      `Unlinked “${e.title}”.`,
                    )
                  }
                  aria-label={`Unlink ${e.title}`}
                >
                  Unlink
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      {open ? (
        <EvidenceSearch
          searchLabel={`Find evidence to link to ${label}`}
          resultsLabel={`Matching evidence for ${label}`}
          chooseText="Link"
          excludeIds={linked.map((e) => e.id)}
          today={today}
          disabled={pending}
          onChoose={(r) =>
            void save([...linked, { id: r.id, title: r.title, kind: r.kind, validUntil: r.validUntil, status: "active" }], `Linked “${r.title}”.`)
          }
          onClose={() => setOpen(false)}
        />
      ) : (
        <Button variant="secondary" className="mt-2" onClick={() => setOpen(true)}>
          Link evidence to {label}
        </Button>
      )}
      <p aria-live="polite" className="text-xs text-muted">
        {message}
      </p>
    </fieldset>
  );
}
