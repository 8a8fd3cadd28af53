import Link from "next/link";
import type { Finding } from "@/lib/rollouts/analysis";
import { SeverityBadge } from "./severity-badge";

/** Findings, most serious first, each with the catalog controls it bears on. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) return <p>No findings: the rollout met every threshold the analysis checks.</p>;
  return (
    <ul className="space-y-3">
      {findings.map((f) => (
        <li key={f.code} className="rounded-md border border-gray-300 bg-white p-3">
          <div className="flex flex-wrap items-center gap-2">
            <SeverityBadge severity={f.severity} />
            <h3 className="font-semibold">{f.title}</h3>
          </div>
          <p className="mt-1 text-sm">{f.explanation}</p>
          {f.controls.length ? (
            <p className="mt-1 text-xs text-muted">
              Controls:{" "}
              {f.controls.map((c, i) => (
                <span key={c}>
                  {i ? ", " : ""}
                  <Link className="underline" href="/catalog">
                    {c}
                  </Link>
                </span>
              ))}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
