/** Pure: what a signature covers, from the data the submission snapshot will freeze (snapshot.ts). */
import { isExpired } from "./completeness";
import type { Snapshot } from "./snapshot";

export type StatusKey = "implemented" | "partial" | "planned" | "not_applicable" | "unanswered";
export type SigningSummary = {
  product: string;
  framework: { title: string; version: string };
  period: { start: string; end: string };
  revision: number;
  controls: number;
  byStatus: { status: StatusKey; count: number }[];
  /** Distinct evidence items, however many controls each is linked to. */
  evidenceItems: number;
  evidenceLinks: number;
  expired: { id: string; title: string; validUntil: string; controlIds: string[] }[];
};

const ORDER: StatusKey[] = ["implemented", "partial", "planned", "not_applicable", "unanswered"];

export function summariseForSigning(s: Pick<Snapshot, "attestation" | "product" | "framework" | "controls">, today: string): SigningSummary {
  const counts = new Map<StatusKey, number>(ORDER.map((k) => [k, 0]));
  const items = new Set<string>();
  const expired = new Map<string, SigningSummary["expired"][number]>();
  let links = 0;
  for (const c of s.controls) {
    const key = (ORDER as string[]).includes(c.status ?? "") ? (c.status as StatusKey) : "unanswered";
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const e of c.evidence) {
      links++;
      items.add(e.id);
      if (isExpired(e.validUntil, today)) {
        const x = expired.get(e.id) ?? { id: e.id, title: e.title, validUntil: e.validUntil!, controlIds: [] };
        x.controlIds.push(c.controlId);
        expired.set(e.id, x);
      }
    }
  }
  return {
    product: s.product.name,
    framework: { title: s.framework.title, version: s.framework.version },
    period: { start: s.attestation.periodStart, end: s.attestation.periodEnd },
    revision: s.attestation.revision,
    controls: s.controls.length,
    byStatus: ORDER.map((status) => ({ status, count: counts.get(status) ?? 0 })),
    evidenceItems: items.size,
    evidenceLinks: links,
    expired: [...expired.values()],
  };
}
