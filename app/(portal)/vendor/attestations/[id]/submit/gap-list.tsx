import Link from "next/link";
import { gapAnchor, groupGaps, type Gap } from "@/lib/attestations/completeness";
import { count } from "@/lib/format";

function detail(g: Gap): string | null {
  if (g.kind === "expired_evidence") return g.message.replace(/^[^:]*: linked evidence /, "");
  if (g.kind === "no_plan") return g.message.replace(/^[^:]*: /, "").replace(/\.$/, "");
  return null;
}

/** Every gap at once, grouped by what is missing; each link opens the editor at the field to fix. */
export function GapList({ attestationId, gaps }: { attestationId: string; gaps: Gap[] }) {
  const groups = groupGaps(gaps);
  const controls = new Set(gaps.map((g) => g.controlUuid)).size;
  return (
    <>
      <p className="mb-1">
        {count(gaps.length, "gap")} in {count(controls, "control")} must be fixed before this attestation can be submitted.
      </p>
      <p className="mb-3 text-sm text-muted">
        This is the complete list: fixing these will not uncover new ones. Each link opens the answers at the field to fix.
      </p>
      <ul className="space-y-4" aria-label="Gaps">
        {groups.map((grp) => (
          <li key={grp.kind} className="rounded-md border border-gray-300 bg-white p-3">
            <h3 id={`gaps-${grp.kind}`} className="font-semibold">
              {grp.heading} ({grp.gaps.length})
            </h3>
            <p className="mb-2 text-sm text-muted">{grp.hint}</p>
            <ul aria-labelledby={`gaps-${grp.kind}`} className="list-disc space-y-1 pl-5">
              {grp.gaps.map((g, i) => {
                const more = detail(g);
                return (
                  <li key={`${g.controlUuid}-${i}`}>
                    <Link href={`/vendor/attestations/${attestationId}#${gapAnchor(g)}`} className="underline">
                      {g.controlId} {g.title}
                    </Link>
                    {more ? <>: {more}</> : null} <span className="text-sm text-muted">({g.domainTitle})</span>
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ul>
    </>
  );
}
