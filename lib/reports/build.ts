import "server-only";
import { and, asc, eq, inArray, isNull, isNotNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import {
  attestationSubmissions,
  consensusScores,
  memberships,
  organisations,
  panelMembers,
  remediationItems,
  reviewDecisions,
  reviewPanels,
  rolloutRecords,
  scorecards,
  scores,
  evidenceItems,
} from "@/db/schema";
import { agreementSummary } from "@/lib/review/agreement";
import { catalogFor, rolloutFindingsFor, type CatalogInfo } from "@/lib/review/scoring";
import type { OutcomeResult } from "@/lib/review/outcome";
import type { Snapshot } from "@/lib/attestations/snapshot";
import { REPORT_FORMAT, type ReportDocument, type ReportEvidence } from "./document";

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The full-tier document of a decided revision, read inside the publishing
 * transaction (the caller holds the attestation's lock and checked the lead).
 * Null when the revision has no co-signed decision or no submission.
 */
export async function buildReportDocument(
  tx: DbOrTx,
  a: { id: string; lineageId: string; revision: number; organisationId: string },
  report: { id: string; publishedAt: Date; vendorResponse: string | null },
): Promise<ReportDocument | null> {
  const [decision] = await tx.select().from(reviewDecisions).where(eq(reviewDecisions.attestationId, a.id));
  const [submission] = await tx.select().from(attestationSubmissions).where(eq(attestationSubmissions.attestationId, a.id));
  if (!decision?.cosignedAt || !submission) return null;
  const snapshot = submission.snapshot as unknown as Snapshot;
  const [vendor] = await tx.select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.id, a.organisationId));

  const consensus = new Map(
    (
      await tx
        .select({ controlId: consensusScores.controlId, score: consensusScores.score })
        .from(consensusScores)
        .where(eq(consensusScores.attestationId, a.id))
    ).map((r) => [r.controlId, r.score]),
  );
  const catalog: Map<string, CatalogInfo> = await catalogFor(
    tx,
    snapshot.controls.map((c) => c.id),
  );
  const controls = snapshot.controls.flatMap((c) => {
    const score = consensus.get(c.id);
    const info = catalog.get(c.id);
    if (score === undefined || !info) return [];
    return [
      {
        id: c.id,
        controlId: c.controlId,
        title: c.title,
        domain: info.domainKey,
        weight: info.weight,
        must: info.must,
        score,
        rubric: info.rubric[score] ?? "",
        selfAssessed: c.maturity,
      },
    ];
  });
  const domainKey = new Map([...catalog.values()].flatMap((c) => [[c.domainKey, c.domainKey] as const, [c.domainTitle, c.domainKey] as const]));
  const stored = JSON.parse(decision.outcome) as { domains: { domain: string; title: string; weightedMean: number }[]; reasons: string[] };

  const panel = await tx
    .select({ organisation: organisations.name, role: panelMembers.role, lead: panelMembers.isLead })
    .from(panelMembers)
    .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
    .innerJoin(memberships, eq(memberships.userId, panelMembers.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(reviewPanels.lineageId, a.lineageId), eq(panelMembers.conflict, "none"), isNull(panelMembers.removedAt)))
    .orderBy(asc(panelMembers.createdAt));

  // Agreement over the submitted scorecards of this revision.
  const rated = await tx
    .select({ userId: scorecards.userId, controlId: scores.controlId, score: scores.score })
    .from(scores)
    .innerJoin(scorecards, eq(scorecards.id, scores.scorecardId))
    .where(and(eq(scorecards.attestationId, a.id), isNotNull(scorecards.submittedAt)));
  const byRater = new Map<string, Map<string, number | null>>();
  for (const r of rated) {
    if (!byRater.has(r.userId)) byRater.set(r.userId, new Map());
    byRater.get(r.userId)!.set(r.controlId, r.score);
  }
  const agreement = agreementSummary(byRater);

  // Rollout records linked in the submission, with whether each started with a canary ring.
  const findings = [...(await rolloutFindingsFor(tx, a.organisationId, snapshot.controls)).values()];
  const noCanary = new Map(
    findings.length
      ? (
          await tx
            .select({ id: rolloutRecords.id, channel: rolloutRecords.channel, analysis: rolloutRecords.analysis })
            .from(rolloutRecords)
            .where(
              and(
                eq(rolloutRecords.organisationId, a.organisationId),
                inArray(
                  rolloutRecords.id,
                  findings.map((f) => f.recordId),
                ),
              ),
            )
        ).map((r) => [r.id, { channel: r.channel, noCanary: (r.analysis as { noCanary?: boolean } | null)?.noCanary ?? true }])
      : [],
  );
  const records = findings
    .map((f) => ({
      releaseId: f.releaseId,
      version: f.version,
      channel: noCanary.get(f.recordId)?.channel ?? "code",
      canary: noCanary.get(f.recordId)?.noCanary === false,
      worstSeverity: f.worstSeverity,
      findings: f.findings.map((x) => ({ code: x.code, severity: x.severity, message: `${x.title}: ${x.explanation}` })),
    }))
    .sort((x, y) => x.releaseId.localeCompare(y.releaseId));

  const remediation = await tx
    .select({
      id: remediationItems.id,
      controlId: remediationItems.controlId,
      action: remediationItems.action,
      dueDate: remediationItems.dueDate,
      status: remediationItems.status,
    })
    .from(remediationItems)
    .where(eq(remediationItems.decisionId, decision.id))
    .orderBy(asc(remediationItems.dueDate), asc(remediationItems.createdAt));
  const controlKey = new Map(snapshot.controls.map((c) => [c.id, c.controlId]));

  // Evidence as signed, one entry per item with the controls it supports; classification as it is now
  // (a vendor may have made an item publishable since, or withdrawn that).
  const evidence = new Map<string, ReportEvidence>();
  for (const c of snapshot.controls) {
    for (const e of c.evidence) {
      const seen = evidence.get(e.id);
      if (seen) seen.controls.push(c.controlId);
      else
        evidence.set(e.id, {
          id: e.id,
          title: e.title,
          kind: e.kind,
          classification: "reviewers_only",
          fileName: e.fileName,
          sha256: e.sha256,
          url: e.url,
          controls: [c.controlId],
        });
    }
  }
  if (evidence.size) {
    const current = await tx
      .select({ id: evidenceItems.id, classification: evidenceItems.classification })
      .from(evidenceItems)
      .where(and(eq(evidenceItems.organisationId, a.organisationId), inArray(evidenceItems.id, [...evidence.keys()])));
    for (const row of current) evidence.get(row.id)!.classification = row.classification;
  }
  const items = [...evidence.values()].sort((x, y) => x.title.localeCompare(y.title));

  return {
    format: REPORT_FORMAT,
    tier: "full",
    report: { id: report.id, revision: a.revision, attestationId: a.id, publishedAt: report.publishedAt.toISOString() },
    vendor: { id: a.organisationId, name: vendor?.name ?? snapshot.organisation.name },
    product: { name: snapshot.product.name, kernelMode: snapshot.product.kernelMode, platforms: snapshot.product.platforms },
    framework: { versionId: snapshot.framework.versionId, title: snapshot.framework.title, version: snapshot.framework.version },
    period: { start: snapshot.attestation.periodStart, end: snapshot.attestation.periodEnd },
    outcome: {
      result: decision.result as OutcomeResult,
      overall: Number(decision.overall),
      reasons: stored.reasons,
      summary: decision.summary,
      decidedAt: decision.signedAt.toISOString(),
      cosignedAt: decision.cosignedAt.toISOString(),
    },
    panel: panel.map((p) => ({ organisation: p.organisation, role: p.role as "platform_reviewer" | "gov_auditor", lead: p.lead })),
    // The stored outcome names a domain by its key or its title, depending on how it was computed: give the catalog key.
    domains: stored.domains.map((d) => ({ key: domainKey.get(d.domain) ?? domainKey.get(d.title) ?? d.domain, title: d.title, score: round2(d.weightedMean) })),
    controls,
    agreement: {
      raters: agreement.raters,
      alphaOrdinal: agreement.alphaOrdinal === null ? null : round2(agreement.alphaOrdinal),
      kappaQuadratic: agreement.kappaQuadratic === null ? null : round2(agreement.kappaQuadratic),
    },
    rollouts: { releases: records.length, canaryStaged: records.filter((r) => r.canary).length, records },
    remediation: remediation.map((r) => ({
      id: r.id,
      controlId: controlKey.get(r.controlId) ?? "",
      action: r.action,
      dueDate: r.dueDate,
      status: r.status as "open" | "closed" | "accepted",
    })),
    evidence: { items, confidentialCount: 0, total: items.length },
    submission: { digest: submission.digest, signedAt: submission.signedAt.toISOString(), signerTitle: submission.signerTitle },
    vendorResponse: report.vendorResponse?.trim() ? report.vendorResponse.trim() : null,
  };
}
