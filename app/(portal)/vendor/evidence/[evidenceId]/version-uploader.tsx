"use client";
import { HydrationGate } from "@/components/forms/client-form";
import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { sendFile } from "@/components/evidence/send-file";

type State =
  { phase: "idle" } | { phase: "sending"; name: string; loaded: number; size: number; abort: () => void } | { phase: "done" | "failed"; message: string };

/** Uploads a replacement file as the item's next version, with progress and cancel. */
export function VersionUploader({ evidenceId, title }: { evidenceId: string; title: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ phase: "idle" });

  async function start(file: File) {
    const { done, abort } = sendFile(`/api/evidence/${evidenceId}/versions?${new URLSearchParams({ fileName: file.name })}`, file, (loaded) =>
      setState((s) => (s.phase === "sending" ? { ...s, loaded } : s)),
    );
    setState({ phase: "sending", name: file.name, loaded: 0, size: file.size, abort });
    const r = await done;
    if (r.kind === "response" && r.status === 201) {
      setState({ phase: "done", message: `Version ${r.body.version} uploaded.` });
      router.refresh();
    } else if (r.kind === "response") setState({ phase: "failed", message: r.body.detail ?? `The upload failed (status ${r.status}).` });
    else setState({ phase: "failed", message: r.kind === "aborted" ? "Cancelled; nothing was changed." : "The connection failed; nothing was changed." });
  }

  const pct = state.phase === "sending" ? (state.size ? Math.round((state.loaded / state.size) * 100) : 100) : 0;
  return (
    <HydrationGate>
      <div className="mt-3 rounded-md border border-gray-300 bg-white p-3">
        <label htmlFor="new-version" className="block text-sm font-semibold">
          Replace with a new version
        </label>
        <p className="text-sm text-muted">Checked like any upload. The current file stays in the history above.</p>
        <input
          id="new-version"
          ref={input}
          type="file"
          className="mt-2 block text-sm"
          disabled={state.phase === "sending"}
          aria-describedby="new-version-status"
          onChange={(ev) => {
            const f = ev.target.files?.[0];
            if (f) void start(f);
            ev.target.value = "";
          }}
        />
        {state.phase === "sending" ? (
          <div className="mt-2">
            <progress className="w-full" max={100} value={pct} aria-label={`Upload progress of the new version of ${title}`}>
              {pct}%
            </progress>
            <Button variant="secondary" onClick={state.abort}>
              Cancel
            </Button>
          </div>
        ) : null}
        <p id="new-version-status" aria-live="polite" className={`mt-1 text-sm ${state.phase === "failed" ? "font-semibold text-red-800" : ""}`}>
          {state.phase === "sending" ? `${pct}% of ${state.name} sent` : state.phase === "idle" ? "" : state.message}
        </p>
      </div>
    </HydrationGate>
  );
}
