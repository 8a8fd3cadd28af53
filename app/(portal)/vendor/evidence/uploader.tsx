"use client";
import { useRef, useState } from "react";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { MetaFields, type MetaValues } from "./meta-fields";

type Item = { key: string; file: File; loaded: number; state: "uploading" | "done" | "existing" | "failed" | "cancelled"; message?: string; id?: string; xhr?: XMLHttpRequest };

const titleOf = (name: string) => name.replace(/\.[^.]+$/, "").replace(/[-_]+/g, " ").trim() || name;

/** One XMLHttpRequest per file: it reports upload progress and can be cancelled, which fetch cannot do for request bodies. */
export function Uploader() {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { register, getValues, formState } = useForm<MetaValues>({ defaultValues: { kind: "document", classification: "reviewers_only", evidenceDate: "", validUntil: "" } });
  const patch = (key: string, p: Partial<Item>) => setItems((all) => all.map((i) => (i.key === key ? { ...i, ...p } : i)));

  function start(files: FileList | File[]) {
    const meta = getValues();
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Math.random().toString(36).slice(2)}`;
      const q = new URLSearchParams({ title: titleOf(file.name), fileName: file.name, kind: meta.kind, classification: meta.classification, evidenceDate: meta.evidenceDate ?? "", validUntil: meta.validUntil ?? "" });
      const xhr = new XMLHttpRequest();
      xhr.open("POST", `/api/evidence/upload?${q}`);
      xhr.setRequestHeader("content-type", "application/octet-stream");
      xhr.upload.onprogress = (e) => patch(key, { loaded: e.loaded });
      xhr.onload = () => {
        let body: { id?: string; existing?: boolean; detail?: string; title?: string } = {};
        try {
          body = JSON.parse(xhr.responseText);
        } catch {}
        if (xhr.status === 201) patch(key, { state: "done", id: body.id, loaded: file.size, message: "Uploaded" });
        else if (xhr.status === 200 && body.existing) patch(key, { state: "existing", id: body.id, loaded: file.size, message: `This file is already in your vault as "${body.title ?? "an existing item"}"` });
        else patch(key, { state: "failed", message: body.detail ?? `The upload failed (status ${xhr.status}).` });
      };
      xhr.onerror = () => patch(key, { state: "failed", message: "The connection failed; nothing was stored." });
      xhr.onabort = () => patch(key, { state: "cancelled", message: "Cancelled; nothing was stored." });
      setItems((all) => [...all, { key, file, loaded: 0, state: "uploading", xhr }]);
      xhr.send(file);
    }
  }

  return (
    <div>
      <MetaFields prefix="up-" register={register} errors={formState.errors} />
      <div
        onDragOver={(e) => { e.preventDefault(); setOver(true); }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => { e.preventDefault(); setOver(false); if (e.dataTransfer.files.length) start(e.dataTransfer.files); }}
        className={`mb-4 rounded-lg border-2 border-dashed p-6 text-center ${over ? "border-brand-700 bg-gray-50" : "border-gray-400"}`}
      >
        <p className="mb-2">Drop files here, or</p>
        <label htmlFor="evidence-files" className="cursor-pointer font-semibold text-brand-700 underline">Choose files to upload</label>
        <input id="evidence-files" ref={input} type="file" multiple className="sr-only" onChange={(e) => { if (e.target.files?.length) start(e.target.files); e.target.value = ""; }} />
        <p className="mt-2 text-sm text-muted">PDF, PNG, JPEG, text or log, CSV, JSON, ZIP and office documents. Each file is checked by its content.</p>
      </div>
      {items.length ? (
        <ul className="space-y-3" aria-label="Uploads">
          {items.map((i) => {
            const pct = i.file.size ? Math.round((i.loaded / i.file.size) * 100) : 100;
            return (
              <li key={i.key} className="rounded-md border border-gray-300 bg-white p-3">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="break-all font-semibold">{i.file.name}</span>
                  {i.state === "uploading" ? <Button variant="secondary" onClick={() => i.xhr?.abort()} aria-label={`Cancel upload of ${i.file.name}`}>Cancel</Button> : null}
                </div>
                <progress className="mt-2 w-full" max={100} value={pct} aria-label={`Upload progress of ${i.file.name}`}>{pct}%</progress>
                <p aria-live="polite" className={`text-sm ${i.state === "failed" ? "font-semibold text-red-800" : ""}`}>
                  {i.state === "uploading" ? `${pct}% sent` : i.message}
                  {i.id ? <> · <Link href={`/vendor/evidence/${i.id}`} className="underline">{i.state === "existing" ? "Open the existing item" : "Open"}</Link></> : null}
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
