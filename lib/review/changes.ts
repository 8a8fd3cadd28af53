/**
 * Pure: which controls a vendor changed between two submitted revisions.
 * A control counts as changed when any answer field differs, or when its
 * linked evidence differs in any item, file version or file hash. Controls
 * present in only one revision count as changed.
 */
import type { SnapshotControl } from "@/lib/attestations/snapshot";

type Comparable = Pick<SnapshotControl, "id" | "status" | "narrative" | "maturity" | "justification" | "targetDate" | "plan" | "evidence">;

function fingerprint(c: Comparable): string {
  const evidence = c.evidence.map((e) => `${e.id}@${e.version ?? 0}:${e.sha256 ?? e.url ?? ""}`).sort();
  return JSON.stringify([c.status, c.narrative, c.maturity, c.justification, c.targetDate, c.plan, evidence]);
}

export function changedControls(before: Comparable[], after: Comparable[]): Set<string> {
  const prev = new Map(before.map((c) => [c.id, fingerprint(c)]));
  const out = new Set<string>();
  for (const c of after) if (prev.get(c.id) !== fingerprint(c)) out.add(c.id);
  return out;
}
