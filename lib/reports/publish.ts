import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { panelMembers, publishedReports, reportPreparations, reportScores, reviewDecisions, reviewPanels } from "@/db/schema";
import { auditActor, type Actor } from "@/lib/auth/actor";
import { canonicalDigest } from "@/lib/crypto/canonical-json";
import { notify } from "@/lib/notifications/notify";
import { fail, ok, type ActionResult } from "@/lib/result";
import { recordAudit } from "@/lib/server/audit";
import { vendorOfficers } from "@/lib/review/clarification-support";
import { lockFor, moveTo } from "@/lib/review/state";
import type { reportPreparationSchema } from "@/lib/validations/review";
import { buildReportDocument } from "./build";
import { observerTier } from "./document";

/** Days the vendor has to preview a co-signed decision's report before the lead may publish without the vendor's go-ahead. */
export const PREVIEW_DAYS = 7;

export type Preparation = { vendorResponse: string; publicSummary: boolean; readyAt: Date | null; version: number; updatedAt: Date | null };

export async function preparationOf(db: DbOrTx, attestationId: string): Promise<Preparation> {
  const [row] = await db.select().from(reportPreparations).where(eq(reportPreparations.attestationId, attestationId));
  return row
    ? { vendorResponse: row.vendorResponse, publicSummary: row.publicSummary, readyAt: row.readyAt, version: row.version, updatedAt: row.updatedAt }
    : { vendorResponse: "", publicSummary: false, readyAt: null, version: 0, updatedAt: null };
}

/** When the lead may publish without the vendor's go-ahead: the end of the preview window. */
export function previewEndsAt(cosignedAt: Date): Date {
  return new Date(cosignedAt.getTime() + PREVIEW_DAYS * 24 * 3600 * 1000);
}

/**
 * The vendor officer saves the public response and the public-summary choice,
 * and may say the report is ready to publish. Only while the revision is
 * decided and not yet published; a save based on an older version is refused.
 */
export async function saveReportPreparation(
  db: Db,
  actor: Actor,
  input: z.output<typeof reportPreparationSchema>,
  now = new Date(),
): Promise<ActionResult<{ version: number }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ version: number }>> => {
    const gate = await lockFor(tx, actor, input.attestationId, "prepare_report");
    if (!gate.ok) return gate.result;
    const current = await preparationOf(tx, input.attestationId);
    if (current.version !== input.version)
      return fail("conflict", "Someone else saved the report's response meanwhile. Reload the page to see it, then make your change again.");
    const values = {
      vendorResponse: input.vendorResponse.trim(),
      publicSummary: input.publicSummary,
      readyAt: input.ready ? (current.readyAt ?? now) : null,
      version: current.version + 1,
      updatedBy: actor.userId,
      updatedAt: now,
    };
    if (current.version === 0)
      await tx.insert(reportPreparations).values({ attestationId: input.attestationId, organisationId: gate.row.organisationId, ...values });
    else await tx.update(reportPreparations).set(values).where(eq(reportPreparations.attestationId, input.attestationId));
    await recordAudit(
      tx,
      auditActor(actor),
      "report.prepared",
      { type: "attestation", id: input.attestationId },
      { publicSummary: input.publicSummary, ready: input.ready, responseLength: values.vendorResponse.length },
    );
    if (input.ready && !current.readyAt) {
      await notify(tx, await leadOf(tx, gate.row.lineageId), {
        kind: "report_ready",
        title: "The vendor has read the report preview",
        body: "The vendor says the report may be published.",
        link: `/review/${input.attestationId}/reconcile`,
      });
    }
    return ok({ version: values.version });
  });
}

async function leadOf(tx: DbOrTx, lineageId: string): Promise<string[]> {
  const rows = await tx
    .select({ userId: panelMembers.userId })
    .from(panelMembers)
    .innerJoin(reviewPanels, eq(reviewPanels.id, panelMembers.panelId))
    .where(and(eq(reviewPanels.lineageId, lineageId), eq(panelMembers.isLead, true), isNull(panelMembers.removedAt)));
  return rows.map((r) => r.userId);
}

/**
 * The panel's lead publishes the report of a decided revision: the two tiers
 * are frozen with their digests, the scores are copied for exports, an earlier
 * report of the same lineage is marked superseded, and the revision becomes
 * "published", all in one transaction.
 */
export async function publishReport(db: Db, actor: Actor, attestationId: string, now = new Date()): Promise<ActionResult<{ reportId: string }>> {
  return db.transaction(async (tx): Promise<ActionResult<{ reportId: string }>> => {
    const gate = await lockFor(tx, actor, attestationId, "publish");
    if (!gate.ok) return gate.result;
    const [decision] = await tx
      .select({ cosignedAt: reviewDecisions.cosignedAt })
      .from(reviewDecisions)
      .where(eq(reviewDecisions.attestationId, attestationId));
    if (!decision?.cosignedAt) return fail("conflict", "The decision has not been co-signed yet.");
    const prep = await preparationOf(tx, attestationId);
    if (!prep.readyAt && now < previewEndsAt(decision.cosignedAt)) {
      return fail(
        "conflict",
        `The vendor may preview the report and add a response until ${previewEndsAt(decision.cosignedAt).toISOString().slice(0, 10)}. Publish then, or as soon as the vendor says it is ready.`,
      );
    }
    const reportId = crypto.randomUUID();
    const full = await buildReportDocument(tx, gate.row, { id: reportId, publishedAt: now, vendorResponse: prep.vendorResponse });
    if (!full) return fail("conflict", "This revision has no co-signed decision to publish.");
    const observer = observerTier(full);
    const fullDigest = canonicalDigest(full);
    const observerDigest = canonicalDigest(observer);
    await tx.insert(publishedReports).values({
      id: reportId,
      attestationId,
      lineageId: gate.row.lineageId,
      revision: gate.row.revision,
      organisationId: gate.row.organisationId,
      vendorName: full.vendor.name,
      productId: gate.row.productId,
      // Names as signed in the submission, like the document itself.
      productName: full.product.name,
      frameworkVersionId: gate.row.frameworkVersionId,
      frameworkLabel: `${full.framework.title} ${full.framework.version}`,
      periodStart: full.period.start,
      periodEnd: full.period.end,
      result: full.outcome.result,
      overall: full.outcome.overall.toFixed(2),
      domainScores: full.domains.map((d) => ({ key: d.key, title: d.title, score: d.score })),
      releases: full.rollouts.releases,
      canaryStaged: full.rollouts.canaryStaged,
      contentReleases: full.rollouts.records.filter((r) => r.channel === "content").length,
      contentCanaryStaged: full.rollouts.records.filter((r) => r.channel === "content" && r.canary).length,
      submissionDigest: full.submission.digest,
      fullDocument: full,
      observerDocument: observer,
      fullDigest,
      observerDigest,
      publicSummary: prep.publicSummary,
      publishedBy: actor.userId,
      publishedAt: now,
    });
    if (full.controls.length) {
      await tx.insert(reportScores).values(
        full.controls.map((c, i) => ({
          reportId,
          position: i + 1,
          controlId: c.controlId,
          controlTitle: c.title,
          domain: c.domain,
          weight: c.weight,
          must: c.must,
          score: c.score,
        })),
      );
    }
    // An earlier revision's report of the same lineage is superseded by this one.
    const superseded = await tx
      .update(publishedReports)
      .set({ supersededBy: reportId, supersededAt: now })
      .where(and(eq(publishedReports.lineageId, gate.row.lineageId), lt(publishedReports.revision, gate.row.revision), isNull(publishedReports.supersededBy)))
      .returning({ id: publishedReports.id });
    await moveTo(
      tx,
      actor,
      gate.row,
      "publish",
      "published",
      { reportId, digest: fullDigest, observerDigest, result: full.outcome.result, superseded: superseded.map((s) => s.id) },
      now,
      "report.published",
    );
    const body = `The report on ${full.product.name} (${full.framework.title} ${full.framework.version}, ${full.period.start} to ${full.period.end}) is published.`;
    await notify(tx, await vendorOfficers(tx, gate.row.organisationId), {
      kind: "report_published",
      title: "Your report is published",
      body,
      link: `/reports/${reportId}`,
    });
    return ok({ reportId });
  });
}

/** The report published for one revision, if any (the caller checked access to the revision). */
export async function reportOfAttestation(db: DbOrTx, attestationId: string): Promise<{ id: string } | null> {
  const [row] = await db.select({ id: publishedReports.id }).from(publishedReports).where(eq(publishedReports.attestationId, attestationId));
  return row ?? null;
}
