import { readerTimeZone } from "@/lib/format/reader-zone";
import { ClarificationThreads } from "./clarification-thread";
import type { ClarificationSide, ClarificationThreadView } from "@/lib/review/clarification-types";

type Control = { id: string; ref: string; title: string };

/**
 * Every question of one attestation, grouped by control in the order of the
 * signed submission. Controls without questions are left out. New questions
 * are asked from the page's own form (or per control on the scoring page).
 */
export async function ClarificationsByControl({
  side,
  attestationId,
  controls,
  threads,
  canWrite,
  today,
}: {
  side: ClarificationSide;
  attestationId: string;
  controls: readonly Control[];
  threads: readonly ClarificationThreadView[];
  canWrite: boolean;
  today?: string;
}) {
  const zone = await readerTimeZone();
  const asked = new Set(threads.map((t) => t.controlId));
  const known = new Set(controls.map((c) => c.id));
  // A question always names a submitted control; the fallback only keeps a thread from disappearing.
  const groups: Control[] = [
    ...controls.filter((c) => asked.has(c.id)),
    ...[
      ...new Map(
        threads.filter((t) => !known.has(t.controlId)).map((t) => [t.controlId, { id: t.controlId, ref: t.controlRef, title: t.controlTitle }]),
      ).values(),
    ],
  ];
  return (
    <div className="space-y-6">
      {groups.map((c) => (
        <div key={c.id} id={`control-${c.ref}`} className="scroll-mt-4 rounded-lg border border-gray-300 bg-gray-50 p-3 sm:p-4">
          <ClarificationThreads
            side={side}
            attestationId={attestationId}
            controlId={c.id}
            controlLabel={`${c.ref} ${c.title}`}
            threads={threads.filter((t) => t.controlId === c.id)}
            canWrite={canWrite}
            allowAsk={false}
            today={today}
            headingLevel={2}
            zone={zone}
          />
        </div>
      ))}
    </div>
  );
}
