// The vendor's side of one generated attestation: answers, evidence links and, once signed, the
// frozen snapshot with its digest, shaped exactly as lib/attestations/submit.ts makes them.
import type { Snapshot, SnapshotEvidence } from "@/lib/attestations/snapshot";
import { attestationStatement, STATEMENT_VERSION } from "@/lib/attestations/statement";
import { canonicalDigest } from "@/lib/crypto/canonical-json";
import { pick, weighted } from "./random";

export type CatalogControl = { id: string; controlId: string; title: string; domainKey: string; must: boolean; channels: string[]; kernelOnly: boolean };
export type Evidence = SnapshotEvidence;
export type Answer = {
  controlId: string;
  status: "implemented" | "partial" | "planned" | "not_applicable";
  narrative: string;
  maturity: number | null;
  justification: string;
  targetDate: string | null;
  plan: string;
  version: number;
};

const PRACTICES = [
  "Every release goes to an internal ring first, then a canary ring of about 1% of customer devices, then two wider rings.",
  "Health gates compare crash, hang and boot-loop rates with the previous release's baseline; a failed gate halts the rollout automatically.",
  "Content updates are validated by the same parser the sensor runs, fuzzed nightly, and staged through the canary ring like code.",
  "Customers choose their ring in the console and can pin a version; pinned devices receive content updates one ring later.",
  "Rollback is drilled monthly: the last drill restored the previous content version on 99.7% of canary devices within 14 minutes.",
  "Kernel-mode components are limited to the minimum needed for tamper protection; detection logic runs in user mode.",
];

/** Answers for `share` of the controls (all of them when signing), in catalog order. */
export function answersFor(r: () => number, controls: CatalogControl[], share: number, periodEnd: string): Answer[] {
  const out: Answer[] = [];
  for (const c of controls) {
    if (share < 1 && r() >= share) continue;
    const status = weighted(r, [
      ["implemented", 62],
      ["partial", 20],
      ["planned", 8],
      ["not_applicable", c.must ? 0 : 10],
    ] as const);
    const later = status === "partial" || status === "planned";
    out.push({
      controlId: c.id,
      status,
      narrative: status === "not_applicable" ? "" : `${c.controlId}: ${pick(r, PRACTICES)} ${pick(r, PRACTICES)}`,
      maturity: status === "implemented" ? 2 + Math.floor(r() * 3) : status === "partial" ? 1 + Math.floor(r() * 2) : null,
      justification: status === "not_applicable" ? "The product ships no component this control covers (no content channel in this product)." : "",
      targetDate: later ? addDays(periodEnd, 60 + Math.floor(r() * 240)) : null,
      plan: later ? "Extend the canary ring to every customer tenant and gate promotion on the crash-rate comparison; owner: release engineering." : "",
      version: 1 + Math.floor(r() * 4),
    });
  }
  return out;
}

/** One or two of the vendor's evidence items for each answered must control (what a complete submission needs). */
export function linksFor(r: () => number, controls: CatalogControl[], answers: Answer[], vault: Evidence[]): Map<string, Evidence[]> {
  const links = new Map<string, Evidence[]>();
  const answered = new Map(answers.map((a) => [a.controlId, a]));
  for (const c of controls) {
    const a = answered.get(c.id);
    if (!a || a.status === "not_applicable" || !(c.must || r() < 0.25)) continue;
    const first = pick(r, vault);
    const second = pick(r, vault);
    links.set(
      c.id,
      (first.id === second.id || r() < 0.6 ? [first] : [first, second]).sort((x, y) => x.title.localeCompare(y.title)),
    );
  }
  return links;
}

type SnapshotInput = {
  attestation: Snapshot["attestation"];
  organisation: Snapshot["organisation"];
  product: Snapshot["product"];
  framework: Snapshot["framework"];
  signer: { name: string; title: string; userId: string; signedAt: string };
  controls: CatalogControl[];
  answers: Answer[];
  links: Map<string, Evidence[]>;
};

export function signedSnapshot(s: SnapshotInput): { snapshot: Snapshot; digest: string } {
  const answered = new Map(s.answers.map((a) => [a.controlId, a]));
  const snapshot: Snapshot = {
    format: "ringfence.submission/v1",
    attestation: s.attestation,
    organisation: s.organisation,
    product: s.product,
    framework: s.framework,
    signature: { ...s.signer, statementVersion: STATEMENT_VERSION, statement: attestationStatement(s.organisation.name, s.product.name) },
    controls: s.controls.map((c) => {
      const a = answered.get(c.id);
      return {
        id: c.id,
        controlId: c.controlId,
        title: c.title,
        domain: c.domainKey,
        must: c.must,
        status: a?.status ?? null,
        narrative: a?.narrative ?? "",
        maturity: a?.maturity ?? null,
        justification: a?.justification ?? "",
        targetDate: a?.targetDate ?? null,
        plan: a?.plan ?? "",
        evidence: s.links.get(c.id) ?? [],
      };
    }),
  };
  return { snapshot, digest: canonicalDigest(snapshot) };
}

export function addDays(isoDay: string, days: number): string {
  return new Date(Date.parse(`${isoDay}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
