"use client";
import { HydrationGate } from "@/components/forms/client-form";
import { useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { FILE_EVIDENCE_KINDS } from "@/lib/validations/vendor-labels";
import { Button } from "@/components/ui/button";
import { EvidenceEditForm, type EditableEvidence } from "@/components/evidence/evidence-edit-form";
import { sendFile } from "@/components/evidence/send-file";
import { MetaFields, type MetaValues } from "./meta-fields";

type Item = {
  key: string;
  file: File;
  loaded: number;
  state: "uploading" | "done" | "existing" | "failed" | "cancelled";
  message?: string;
  id?: string;
  abort?: () => void;
  /** The details sent with the file, offered for editing once it is stored. */
  sent: Omit<EditableEvidence, "id">;
};

const titleOf = (name: string) =>
  name
    .replace(/\.[^.]+$/, "")
    .replace(/[-_]+/g, " ")
    .trim() || name;

/** Several files at once, each with its own progress, result and, once stored, its own details to edit. */
export function Uploader() {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const { register, getValues, formState } = useForm<MetaValues>({
    defaultValues: { kind: "document", classification: "reviewers_only", evidenceDate: "", validUntil: "" },
  });
  const patch = (key: string, p: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...p } : i)));

  function start(files: FileList | File[]) {
    const meta = getValues();
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      const sent = {
        title: titleOf(file.name),
        description: "",
        kind: meta.kind,
        classification: meta.classification as EditableEvidence["classification"],
        evidenceDate: meta.evidenceDate || null,
        validUntil: meta.validUntil || null,
      };
      const q = new URLSearchParams({
        title: sent.title,
        fileName: file.name,
        kind: sent.kind,
        classification: sent.classification,
        evidenceDate: sent.evidenceDate ?? "",
        validUntil: sent.validUntil ?? "",
      });
      const { done, abort } = sendFile(`/api/evidence/upload?${q}`, file, (loaded) => patch(key, { loaded }));
      setItems((all) => [...all, { key, file, loaded: 0, state: "uploading", abort, sent }]);
      void done.then((r) => {
        if (r.kind === "aborted") return patch(key, { state: "cancelled", message: "Cancelled; nothing was stored." });
        if (r.kind === "network") return patch(key, { state: "failed", message: "The connection failed; nothing was stored." });
        if (r.status === 201) patch(key, { state: "done", id: r.body.id, loaded: file.size, message: "Uploaded" });
        else if (r.status === 200 && r.body.existing)
          patch(key, {
            state: "existing",
            id: r.body.id,
            loaded: file.size,
            message: `This file is already in your vault as “${r.body.title ?? "an existing item"}”`,
          });
        else patch(key, { state: "failed", message: r.body.detail ?? `The upload failed (status ${r.status}).` });
      });
    }
  }

  return (
    <HydrationGate>
      <div>
        <p className="mb-2 text-sm text-muted">These details apply to every file you add next; you can change each file&apos;s details once it is uploaded.</p>
        <MetaFields prefix="up-" register={register} errors={formState.errors} kinds={FILE_EVIDENCE_KINDS} />
        <div
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={(e) => {
            e.preventDefault();
            setOver(false);
            if (e.dataTransfer.files.length) start(e.dataTransfer.files);
          }}
          className={`mb-4 rounded-lg border-2 border-dashed p-6 text-center ${over ? "border-brand-700 bg-gray-50" : "border-gray-400"}`}
        >
          <p className="mb-2">Drop files here, or</p>
          <label htmlFor="evidence-files" className="cursor-pointer font-semibold text-brand-700 underline">
            Choose files to upload
          </label>
          <input
            id="evidence-files"
            type="file"
            multiple
            className="sr-only"
            onChange={(e) => {
              if (e.target.files?.length) start(e.target.files);
              e.target.value = "";
            }}
          />
          <p className="mt-2 text-sm text-muted">PDF, PNG, JPEG, text or log, CSV, JSON, ZIP and office documents. Each file is checked by its content.</p>
        </div>
        {items.length ? (
          <ul className="space-y-3" aria-label="Uploads">
            {items.map((i) => {
              const pct = i.file.size ? Math.round((i.loaded / i.file.size) * 100) : 100;
              return (
                <li key={i.key} className="rounded-md border border-gray-300 bg-white p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-semibold break-all">{i.file.name}</span>
                    {i.state === "uploading" ? (
                      <Button variant="secondary" onClick={() => i.abort?.()} aria-label={`Cancel upload of ${i.file.name}`}>
                        Cancel
                      </Button>
                    ) : null}
                  </div>
                  <progress className="mt-2 w-full" max={100} value={pct} aria-label={`Upload progress of ${i.file.name}`}>
                    {pct}%
                  </progress>
                  <p aria-live="polite" className={`text-sm ${i.state === "failed" ? "font-semibold text-red-800" : ""}`}>
                    {i.state === "uploading" ? `${pct}% sent` : i.message}
                    {i.id ? (
                      <>
                        {" "}
                        ·{" "}
                        <Link href={`/vendor/evidence/${i.id}`} className="underline">
                          {i.state === "existing" ? "Open the existing item" : "Open"}
                        </Link>
                      </>
                    ) : null}
                  </p>
                  {i.state === "done" && i.id ? (
                    <details className="mt-2 rounded-md border border-gray-200 p-2">
                      <summary className="cursor-pointer text-sm font-semibold">Edit the details of {i.file.name}</summary>
                      <div className="mt-2">
                        <EvidenceEditForm
                          item={{ id: i.id, ...i.sent }}
                          kinds={FILE_EVIDENCE_KINDS}
                          idPrefix={`${i.key}-`}
                          label={`Details of ${i.file.name}`}
                        />
                      </div>
                    </details>
                  ) : null}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </HydrationGate>
  );
}
