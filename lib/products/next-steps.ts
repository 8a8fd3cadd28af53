import type { AttestationStatus } from "@/db/schema/vendor";

/** A sentence of plain text and links; the page renders each link where the step is done. */
export type StepPart = string | { href: string; text: string };
export type NextStep = { key: string; parts: StepPart[] };

export type WorkspaceAttestation = {
  id: string;
  lineageId: string;
  revision: number;
  status: AttestationStatus;
  productName: string;
  periodStart: string;
  periodEnd: string;
};

/** Only the newest revision of each lineage says where that attestation stands; older ones are history. */
export function latestRevisions<T extends { lineageId: string; revision: number }>(rows: T[]): T[] {
  const latest = new Map<string, T>();
  for (const r of rows) if ((latest.get(r.lineageId)?.revision ?? 0) < r.revision) latest.set(r.lineageId, r);
  return rows.filter((r) => latest.get(r.lineageId) === r);
}

/**
 * The workspace's "What to do next", true to the data: drafts are continued,
 * submitted ones say where they are, and every step links to where it is done.
 * Pure, so the wording for each status is tested without a database.
 */
export function workspaceSteps(input: {
  officer: boolean;
  productCount: number;
  attestations: WorkspaceAttestation[];
  expiredEvidence: number;
  activeEvidence: number;
}): NextStep[] {
  const { officer } = input;
  const steps: NextStep[] = [];
  if (input.productCount === 0) {
    steps.push({
      key: "product",
      parts: officer
        ? [{ href: "/vendor/products/new", text: "Register your first product" }, " and the update channels it ships."]
        : ["Ask your compliance officer to register your products and the update channels they ship."],
    });
  } else if (input.attestations.length === 0) {
    steps.push({
      key: "start",
      parts: [{ href: "/vendor/attestations/new", text: "Start an attestation" }, " against the published Safe Deployment Principles."],
    });
  }
  for (const a of latestRevisions(input.attestations)) {
    const step = attestationStep(a, officer);
    if (step) steps.push({ key: a.id, parts: step });
  }
  if (input.expiredEvidence) {
    const n = input.expiredEvidence;
    steps.push({
      key: "expired",
      parts: [
        `${n} evidence ${n === 1 ? "item has" : "items have"} expired: `,
        { href: "/vendor/evidence?expiry=expired", text: "replace or renew them" },
        ".",
      ],
    });
  }
  if (input.activeEvidence === 0)
    steps.push({ key: "evidence", parts: [{ href: "/vendor/evidence/new", text: "Upload evidence" }, " that supports your answers."] });
  steps.push({
    key: "rollouts",
    parts: [{ href: "/vendor/rollouts/new", text: "Record how your recent releases were rolled out" }, ", so the portal can check the staging by machine."],
  });
  return steps;
}

function attestationStep(a: WorkspaceAttestation, officer: boolean): StepPart[] | null {
  const page = `/vendor/attestations/${a.id}`;
  const name = `${a.productName} (${a.periodStart} to ${a.periodEnd})`;
  const link = { href: page, text: a.revision > 1 ? `${name}, revision ${a.revision}` : name };
  switch (a.status) {
    case "draft":
      return officer
        ? ["Continue the draft for ", link, ", then ", { href: `${page}/submit`, text: "check and submit it" }, "."]
        : ["Continue the draft for ", link, "."];
    case "submitted":
      return [link, " is submitted and waits for an administrator to assign its review panel. Nothing is needed from you yet."];
    case "in_review":
      return [link, " is with its review panel. ", { href: `${page}/questions`, text: "Answer the panel's questions" }, " if it asks any."];
    case "changes_requested":
      return officer
        ? ["The review panel asked for changes to ", link, ": ", { href: `${page}/submit`, text: "create a revision" }, " and submit it again."]
        : ["The review panel asked for changes to ", link, ". Your compliance officer creates a revision; you can then help answer it."];
    case "reconciliation":
      return [link, " is with its review panel, which is agreeing the final scores."];
    case "decided":
      return officer
        ? ["The panel has decided on ", link, ": ", { href: `${page}/report`, text: "preview the report" }, " before it is published."]
        : ["The panel has decided on ", link, "; your compliance officer previews the report before it is published."];
    case "published":
    case "withdrawn":
      return null;
  }
}
