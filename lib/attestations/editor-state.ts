import type { Gap } from "./completeness";

/** What the control list shows for each control: worst first. */
export type ControlState = "unanswered" | "incomplete" | "evidence" | "complete";

export const STATE_TEXT: Record<ControlState, string> = {
  unanswered: "Not answered",
  incomplete: "Answer incomplete",
  evidence: "Evidence missing or expired",
  complete: "Complete",
};

/** A control without a status is unanswered; one with an answer gap is incomplete; one whose only gaps are evidence lacks evidence. */
export function controlStates(controls: { id: string }[], gaps: Gap[]): Map<string, ControlState> {
  const rank: Record<ControlState, number> = { complete: 0, evidence: 1, incomplete: 2, unanswered: 3 };
  const out = new Map<string, ControlState>(controls.map((c) => [c.id, "complete"]));
  for (const g of gaps) {
    const s: ControlState = g.kind === "unanswered" ? "unanswered" : g.kind === "no_evidence" || g.kind === "expired_evidence" ? "evidence" : "incomplete";
    const before = out.get(g.controlUuid) ?? "complete";
    if (rank[s] > rank[before]) out.set(g.controlUuid, s);
  }
  return out;
}

/** Identifies one gap across saves; the message tells apart two expired items on one control. */
export function gapKey(g: Pick<Gap, "controlUuid" | "kind" | "field" | "message">): string {
  return `${g.controlUuid}:${g.kind}:${g.field}:${g.message}`;
}

/**
 * The gap to go to next. Gaps are visited in catalog order: after the gap the
 * person was last taken to, if it is still open (they skipped it), else the
 * first gap at or after the control they are on (they fixed it, or they just
 * arrived), wrapping round to the start. `gaps` is in catalog order, as
 * findGaps returns them.
 */
export function nextGap(controls: { id: string }[], gaps: Gap[], currentId: string, lastKey: string | null): Gap | null {
  if (gaps.length === 0) return null;
  const last = lastKey === null ? -1 : gaps.findIndex((g) => gapKey(g) === lastKey);
  if (last >= 0) return gaps[(last + 1) % gaps.length] ?? null;
  const order = new Map(controls.map((c, i) => [c.id, i]));
  const at = order.get(currentId) ?? 0;
  return gaps.find((g) => (order.get(g.controlUuid) ?? -1) >= at) ?? gaps[0] ?? null;
}
