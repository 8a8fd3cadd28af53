/**
 * A published report: what the panel decided about one attestation revision,
 * frozen at publication. Two tiers of the same document are stored:
 *
 * - `full`: for the vendor and the panel; every evidence item reviewed.
 * - `observer`: for government observers (no NDA); only evidence the vendor
 *   classified as publishable, the rest as a count. Built from `full` by
 *   `observerTier()`, which copies fields one by one (never spreads), so a
 *   field added to evidence later cannot leak by default.
 *
 * The public summary is not a document: it is a few columns of the report row.
 * Pure types and functions: no database, no Node built-ins.
 */

import type { OutcomeResult } from "@/lib/review/outcome";

export const REPORT_FORMAT = "ringfence.report/v1";

export type ReportTier = "full" | "observer";

export interface ReportEvidence {
  /** Evidence item id; shown only to the full tier. */
  id: string;
  title: string;
  kind: string;
  classification: "reviewers_only" | "publishable";
  fileName: string | null;
  sha256: string | null;
  url: string | null;
  /** Control ids (e.g. SDP-ROL-03) the item supports. */
  controls: string[];
}

export interface ReportControl {
  /** Catalog row id of the control in this framework version. */
  id: string;
  /** Stable id such as SDP-ROL-03. */
  controlId: string;
  title: string;
  domain: string;
  weight: number;
  must: boolean;
  /** Consensus score 0–4. */
  score: number;
  /** What the rubric says that score means for this control. */
  rubric: string;
  /** The vendor's own maturity claim, when given. */
  selfAssessed: number | null;
}

export interface ReportDomain {
  key: string;
  title: string;
  /** Weighted mean of the domain's consensus scores, rounded to 2 decimals. */
  score: number;
}

export interface ReportRolloutRecord {
  releaseId: string;
  version: string;
  channel: string;
  /** True when the first ring was a canary (a small share of the fleet). */
  canary: boolean;
  worstSeverity: string | null;
  findings: { code: string; severity: string; message: string }[];
}

export interface ReportRemediation {
  id: string;
  controlId: string;
  action: string;
  dueDate: string;
  /** Status when the report was published; the report page also shows the live one. */
  status: "open" | "closed" | "accepted";
}

export interface ReportDocument {
  format: typeof REPORT_FORMAT;
  tier: ReportTier;
  report: {
    id: string;
    /** The attestation revision reported on; a later revision's report supersedes this one. */
    revision: number;
    attestationId: string;
    publishedAt: string;
  };
  vendor: { id: string; name: string };
  product: { name: string; kernelMode: boolean; platforms: string[] };
  framework: { versionId: string; title: string; version: string };
  period: { start: string; end: string };
  outcome: {
    result: OutcomeResult;
    /** Overall weighted mean, 2 decimals. */
    overall: number;
    /** Why the result is below "meets", one sentence each. */
    reasons: string[];
    summary: string;
    decidedAt: string;
    cosignedAt: string | null;
  };
  /** Organisations and roles of the panel; no person's name. */
  panel: { organisation: string; role: "platform_reviewer" | "gov_auditor"; lead: boolean }[];
  domains: ReportDomain[];
  controls: ReportControl[];
  agreement: { raters: number; alphaOrdinal: number | null; kappaQuadratic: number | null };
  rollouts: {
    /** Releases covered by linked rollout records. */
    releases: number;
    /** Of those, how many started with a canary ring. */
    canaryStaged: number;
    records: ReportRolloutRecord[];
  };
  remediation: ReportRemediation[];
  evidence: {
    /** Evidence listed in this tier. */
    items: ReportEvidence[];
    /** Items reviewed but withheld from this tier (always 0 in the full tier). */
    confidentialCount: number;
    /** All items the panel reviewed. */
    total: number;
  };
  submission: { digest: string; signedAt: string; signerTitle: string };
  /** The vendor's public response, shown with the report and never part of its findings. */
  vendorResponse: string | null;
}

/** The observer tier: publishable evidence only, everything else as a count; field by field. */
export function observerTier(full: ReportDocument): ReportDocument {
  const publishable = full.evidence.items.filter((e) => e.classification === "publishable");
  return {
    ...full,
    tier: "observer",
    evidence: {
      items: publishable.map((e) => ({
        id: e.id,
        title: e.title,
        kind: e.kind,
        classification: e.classification,
        fileName: e.fileName,
        sha256: e.sha256,
        url: e.url,
        controls: [...e.controls],
      })),
      confidentialCount: full.evidence.items.length - publishable.length,
      total: full.evidence.total,
    },
  };
}

/** Score → colour band used by the heatmap, charts and the PDF (never the only carrier of the value). */
export function scoreBand(score: number): "low" | "weak" | "fair" | "good" | "strong" {
  if (score < 1) return "low";
  if (score < 2) return "weak";
  if (score < 3) return "fair";
  if (score < 3.5) return "good";
  return "strong";
}
