"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import type { VersionStatus } from "@/lib/catalog/queries";
import { createDraftVersionAction, publishVersionAction, retireVersionAction } from "./actions";

/** Lifecycle buttons of one version; publishing lists every problem when refused. */
export function VersionActions({ versionId, status, label }: { versionId: string; status: VersionStatus; label: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);

  const run = (fn: () => Promise<{ ok: boolean; formError?: string; fieldErrors?: Record<string, string[] | undefined> }>, onOk?: (r: unknown) => void) =>
    start(async () => {
      setError(null);
      setProblems([]);
      const r = await fn();
      if (r.ok) {
        onOk?.(r);
        router.refresh();
        return;
      }
      setError(r.formError ?? "That did not work.");
      setProblems(r.fieldErrors?.problems ?? []);
    });

  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {status !== "draft" ? (
          <Button
            variant="secondary"
            disabled={pending}
            aria-label={`New draft from ${label}`}
            onClick={() =>
              run(
                () => createDraftVersionAction({ versionId }),
                (r) => router.push(`/admin/catalog/${(r as { data: { versionId: string } }).data.versionId}`),
              )
            }
          >
            New draft from this version
          </Button>
        ) : (
          <Button disabled={pending} aria-label={`Publish ${label}`} onClick={() => run(() => publishVersionAction({ versionId }))}>
            Publish
          </Button>
        )}
        {status === "published" ? (
          <Button
            variant="danger"
            disabled={pending}
            aria-label={`Retire ${label}`}
            onClick={() => {
              if (window.confirm(`Retire ${label}? It stays readable but is no longer offered for new attestations.`))
                run(() => retireVersionAction({ versionId }));
            }}
          >
            Retire
          </Button>
        ) : null}
      </div>
      <div className="mt-2">
        <FormAlert message={error} />
        {problems.length ? (
          <ul aria-label={`Problems blocking publication of ${label}`} className="mb-4 max-h-80 list-disc overflow-y-auto pl-6 text-sm text-red-800">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
