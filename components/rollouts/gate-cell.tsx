import { evaluateGate } from "@/lib/rollouts/analysis";
import { isLegacyGate, type RingGate } from "@/lib/rollouts/record-schema";
import { formatDateTime } from "@/lib/format";

const OUTCOME = { passed: "Passed", failed: "Failed", pending: "Pending (no observed value)", none: "None" } as const;
const claim = (c: boolean | null) => (c === null ? "not given" : c ? "passed" : "failed");

/** A ring's gate as the portal judged it: the numbers, the computed outcome and the vendor's claim beside it. */
export function GateCell({ gate, zone }: { gate: RingGate | null; zone: string }) {
  const g = evaluateGate(gate);
  if (!gate || !g) return <>None</>;
  if (isLegacyGate(gate))
    return (
      <>
        <strong>Not machine-checkable</strong> (free-text gate): {gate.signal}, threshold {gate.threshold}
        {gate.observed !== null ? `, observed ${gate.observed}` : ""}; vendor&apos;s claim: {claim(gate.passed)}
      </>
    );
  const u = gate.unit;
  return (
    <>
      <strong>{OUTCOME[g.outcome]}</strong>: {g.metric} {gate.comparator} {gate.threshold} {u}; observed{" "}
      {gate.observed === null ? "—" : `${gate.observed} ${u}`}
      {gate.baseline !== null ? `; baseline ${gate.baseline} ${u}` : ""}; evaluated {formatDateTime(gate.evaluatedAt, zone)}; vendor&apos;s claim:{" "}
      {claim(gate.passed)}
      {g.contradicted ? (
        <>
          {" "}
          — <strong>contradicts the numbers</strong>
        </>
      ) : null}
    </>
  );
}
