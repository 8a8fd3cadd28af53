import "server-only";
import type { Workspace } from "./queries";

/** `version` is the file version signed (0 for links and rollout records); submissions made before versions existed lack it. */
export type SnapshotEvidence = {
  id: string;
  title: string;
  kind: string;
  evidenceDate: string | null;
  validUntil: string | null;
  classification: string;
  url: string | null;
  fileName: string | null;
  sha256: string | null;
  version?: number;
  size: number | null;
};
export type SnapshotControl = {
  id: string;
  controlId: string;
  title: string;
  domain: string;
  must: boolean;
  status: string | null;
  narrative: string;
  maturity: number | null;
  justification: string;
  targetDate: string | null;
  plan: string;
  evidence: SnapshotEvidence[];
};
export type Snapshot = {
  format: "ringfence.submission/v1";
  attestation: { id: string; lineageId: string; revision: number; kind: string; periodStart: string; periodEnd: string };
  organisation: { id: string; name: string };
  product: { id: string; name: string; platforms: string[]; kernelMode: boolean; channels: { channel: string; cadence: string }[] };
  framework: { versionId: string; title: string; version: string };
  signature: { name: string; title: string; userId: string; statementVersion: string; statement: string; signedAt: string };
  controls: SnapshotControl[];
};

/** Every applicable control in catalog order, with its answer and the linked evidence (each file's SHA-256 included). */
export function snapshotControls(ws: Workspace): SnapshotControl[] {
  return ws.controls.map((c) => {
    const a = ws.answers.get(c.id);
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
      evidence: (ws.links.get(c.id) ?? []).map(({ status: _status, ...e }) => ({ ...e, size: e.size === null ? null : Number(e.size) })),
    };
  });
}

/** Everything the snapshot freezes except who signs: what the sign page summarises. */
export function unsignedSnapshot(ws: Workspace): Pick<Snapshot, "attestation" | "product" | "framework" | "controls"> {
  const a = ws.attestation;
  return {
    attestation: { id: a.id, lineageId: a.lineageId, revision: a.revision, kind: a.kind, periodStart: a.periodStart, periodEnd: a.periodEnd },
    product: { id: a.product.id, name: a.product.name, platforms: a.product.platforms, kernelMode: a.product.kernelMode, channels: a.product.channels },
    framework: { versionId: a.frameworkVersionId, title: a.frameworkTitle, version: a.frameworkVersion },
    controls: snapshotControls(ws),
  };
}

export function buildSnapshot(ws: Workspace, organisation: { id: string; name: string }, signature: Snapshot["signature"]): Snapshot {
  const { attestation, product, framework, controls } = unsignedSnapshot(ws);
  return { format: "ringfence.submission/v1", attestation, organisation, product, framework, signature, controls };
}
