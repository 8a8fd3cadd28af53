"use client";
import { ClientForm } from "@/components/forms/client-form";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { TextAreaField, TextField } from "@/components/ui/field";
import { FormAlert } from "@/components/ui/form-alert";
import { Button } from "@/components/ui/button";
import { applyFieldErrors } from "@/components/forms/apply-field-errors";
import { searchEvidenceAction } from "../../../evidence/actions";
import { closeRemediationAction } from "./actions";

type Found = { id: string; title: string; fileName: string | null };

/** Closes a remediation item: what was done, and optionally one item of the vault, found by searching. */
export function CloseRemediationForm({ itemId }: { itemId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [found, setFound] = useState<Found[] | null>(null);
  const [chosen, setChosen] = useState<Found | null>(null);
  const [query, setQuery] = useState("");
  const { register, handleSubmit, formState, setError } = useForm<{ note: string; evidenceId?: string }>({ defaultValues: { note: "" } });
  const search = async () => {
    const r = await searchEvidenceAction({ q: query, kind: "" });
    setFound(r.ok ? (r.data as Found[]) : []);
  };
  const onSubmit = handleSubmit(async (v) => {
    setMessage(null);
    const result = await closeRemediationAction({ itemId, note: v.note, evidenceId: chosen?.id });
    if (result.ok) return router.refresh();
    applyFieldErrors(result, setError);
    setMessage(result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0] ?? "Check the fields marked below.");
  });
  return (
    <ClientForm onSubmit={onSubmit} noValidate className="mt-2 rounded border border-gray-200 p-3">
      <FormAlert message={message} />
      <TextAreaField id={`close-note-${itemId}`} label="What was done" rows={3} required error={formState.errors.note?.message} {...register("note")} />
      <div className="mb-3">
        <div className="flex items-end gap-2">
          <div className="flex-1">
            <TextField
              id={`close-search-${itemId}`}
              label="Evidence from your vault (optional)"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => (e.key === "Enter" ? (e.preventDefault(), void search()) : undefined)}
            />
          </div>
          <Button variant="secondary" className="mb-4" onClick={() => void search()}>
            Search
          </Button>
        </div>
        {chosen ? (
          <p className="text-sm">
            Attached: <span className="font-semibold">{chosen.title}</span>{" "}
            <Button variant="link" onClick={() => setChosen(null)}>
              remove
            </Button>
          </p>
        ) : found ? (
          found.length ? (
            <ul className="text-sm">
              {found.map((f) => (
                <li key={f.id}>
                  <Button variant="link" onClick={() => setChosen(f)}>
                    Attach “{f.title}”{f.fileName ? ` (${f.fileName})` : ""}
                  </Button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">Nothing in your vault matches. Upload it in the Evidence section first.</p>
          )
        ) : null}
      </div>
      <Button type="submit" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Closing…" : "Close this item"}
      </Button>
    </ClientForm>
  );
}
