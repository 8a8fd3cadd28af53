import { seedEvent } from "./log";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  attestationAnswers,
  attestations,
  evidenceItems,
  evidenceLinks,
  frameworks,
  frameworkVersions,
  products,
  remediationItems,
  reviewDecisions,
  reviewPanels,
  rolloutRecords,
} from "@/db/schema";
import { publishReport, saveReportPreparation } from "@/lib/reports/publish";
import type { Actor } from "@/lib/auth/actor";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { getConfig } from "@/lib/config";
import { insertFileItem } from "@/lib/evidence/file-item";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import { listApplicableControls } from "@/lib/attestations/queries";
import { createRevision, submitAttestation } from "@/lib/attestations/submit";
import { assignPanel, declareConflict } from "@/lib/review/panels";
import { myScorecard, saveScore, submitScorecard, openForPanel } from "@/lib/review/scoring";
import { cosignDecision, loadReconciliation, recordConsensus, signDecision } from "@/lib/review/decision";

async function* oneChunk(bytes: Uint8Array) {
  yield bytes;
}

async function actorFor(db: Db, email: string): Promise<Actor> {
  const p = await getPrincipalForSignIn(db, email);
  if (!p) throw new Error(`demo person ${email} is missing`);
  const { passwordHash: _h, active: _a, sessionVersion: _s, ...actor } = p;
  return actor;
}

const must = <T>(r: { ok: true; data: T } | { ok: false; formError?: string; fieldErrors?: unknown }, what: string): T => {
  if (!r.ok) throw new Error(`demo review seed: ${what} failed: ${r.formError ?? JSON.stringify(r.fieldErrors)}`);
  return r.data;
};

/** A complete, signed submission of one product for one period, answered at `maturity` with one file linked to every control. */
type SubmitOptions = { publishable?: boolean; rollouts?: "safe" | "all"; /** Leave it complete but unsigned, waiting for the officer. */ unsigned?: boolean };

async function submitted(db: Db, officer: Actor, productName: string, period: [string, string], maturity: number, opts: SubmitOptions = {}): Promise<string> {
  const [product] = await db
    .select()
    .from(products)
    .where(and(eq(products.organisationId, officer.organisationId), eq(products.name, productName)));
  const [version] = await db
    .select({ id: frameworkVersions.id })
    .from(frameworkVersions)
    .innerJoin(frameworks, eq(frameworks.id, frameworkVersions.frameworkId))
    .where(and(eq(frameworks.slug, "safe-deployment-principles"), eq(frameworkVersions.version, "1.0")));
  if (!product || !version) throw new Error("demo review seed: product or catalog missing");
  const store = new FsBlobStore(path.join(getConfig().dataDir, "blobs"));
  const text = `${officer.organisationName}: ${productName} deployment practice statement for ${period[0]} to ${period[1]} (demo).\n\nEvery update ships in rings with health gates; rollback is tested each quarter.\n`;
  const file = await store.putStream(oneChunk(new TextEncoder().encode(text)), { maxBytes: 1024 * 1024 });
  const id = await db.transaction(async (tx) => {
    const [a] = await tx
      .insert(attestations)
      .values({
        lineageId: crypto.randomUUID(),
        organisationId: officer.organisationId,
        productId: product.id,
        frameworkVersionId: version.id,
        kind: "new",
        periodStart: period[0],
        periodEnd: period[1],
        createdBy: officer.userId,
      })
      .returning({ id: attestations.id });
    const item = await insertFileItem(
      tx,
      {
        organisationId: officer.organisationId,
        createdBy: officer.userId,
        kind: "document",
        title: `Deployment practice statement ${period[0].slice(0, 7)}`,
        evidenceDate: period[1],
        fileName: `practice-statement-${period[0].slice(0, 7)}.txt`,
      },
      { sha256: file.sha256, size: file.size, mime: "text/plain; charset=utf-8" },
    );
    const controls = await listApplicableControls(tx, version.id, product);
    await tx.insert(attestationAnswers).values(
      controls.map((c, i) => ({
        attestationId: a!.id,
        controlId: c.id,
        status: "implemented" as const,
        narrative: `How ${productName} meets ${c.controlId}: described in the practice statement, section ${i + 1}.`,
        maturity,
        updatedBy: officer.userId,
      })),
    );
    await tx.insert(evidenceLinks).values(controls.map((c) => ({ attestationId: a!.id, controlId: c.id, evidenceId: item, createdBy: officer.userId })));
    if (opts.publishable) {
      // A summary the vendor is willing to show observers, beside the confidential statement.
      const summary = await store.putStream(
        oneChunk(new TextEncoder().encode(`${productName}: public summary of our release practice, ${period[0]} to ${period[1]}.\n`)),
        { maxBytes: 1024 * 1024 },
      );
      const pub = await insertFileItem(
        tx,
        {
          organisationId: officer.organisationId,
          createdBy: officer.userId,
          kind: "document",
          title: `Public release-practice summary ${period[0].slice(0, 7)}`,
          evidenceDate: period[1],
          fileName: `public-summary-${period[0].slice(0, 7)}.txt`,
          classification: "publishable",
        },
        { sha256: summary.sha256, size: summary.size, mime: "text/plain; charset=utf-8" },
      );
      await tx
        .insert(evidenceLinks)
        .values(controls.slice(0, 3).map((c) => ({ attestationId: a!.id, controlId: c.id, evidenceId: pub, createdBy: officer.userId })));
    }
    await seedEvent(
      tx,
      "attestation.started",
      { type: "attestation", id: a!.id },
      { productId: product.id, frameworkVersionId: version.id, kind: "new", answers: controls.length, evidence: [item] },
    );
    if (opts.rollouts) {
      const records = await tx
        .select({ id: rolloutRecords.id, worst: rolloutRecords.worstSeverity })
        .from(rolloutRecords)
        .where(eq(rolloutRecords.productId, product.id));
      const rollControl = controls.find((c) => c.controlId.includes("-ROL-")) ?? controls[0]!;
      for (const r of records.filter((x) => opts.rollouts === "all" || x.worst !== "critical")) {
        const [ev] = await tx
          .insert(evidenceItems)
          .values({
            organisationId: officer.organisationId,
            kind: "rollout_record",
            title: `Rollout record ${r.id.slice(0, 8)}`,
            rolloutRecordId: r.id,
            createdBy: officer.userId,
          })
          .onConflictDoNothing({ target: [evidenceItems.organisationId, evidenceItems.rolloutRecordId] })
          .returning({ id: evidenceItems.id });
        const evidenceId =
          ev?.id ??
          (
            await tx
              .select({ id: evidenceItems.id })
              .from(evidenceItems)
              .where(and(eq(evidenceItems.organisationId, officer.organisationId), eq(evidenceItems.rolloutRecordId, r.id)))
          )[0]!.id;
        await tx.insert(evidenceLinks).values({ attestationId: a!.id, controlId: rollControl.id, evidenceId, createdBy: officer.userId }).onConflictDoNothing();
      }
    }
    return a!.id;
  });
  if (!opts.unsigned)
    must(await submitAttestation(db, officer, { attestationId: id, signerName: officer.name, signerTitle: "Head of compliance", confirm: true }), "submit");
  return id;
}

/** The period of Aegis's demo attestation in review. */
export const DEMO_REVIEW_PERIOD = { start: "2025-07-01", end: "2025-12-31" } as const;

function inDays(n: number): string {
  return new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
}

async function scoreAll(db: Db, who: Actor, attestationId: string, scoreOf: (i: number) => number, upTo = Infinity) {
  const a = await openForPanel(db, who, attestationId);
  if (!a) throw new Error("demo review seed: panel view missing");
  for (const [i, c] of a.snapshot.controls.entries()) {
    if (i >= upTo) break;
    const s = scoreOf(i);
    must(
      await saveScore(db, who, {
        attestationId,
        controlId: c.id,
        score: s,
        rationale: s <= 2 || Math.abs(s - (c.maturity ?? s)) >= 2 ? `Demo rationale: the evidence for ${c.controlId} is thin on this point.` : "",
        version: 1,
      }),
      "score",
    );
  }
}

/**
 * Submissions at every review stage, so each demo role has work on first
 * sign-in: Cobalt waits for a panel; Bastion has one revision being scored,
 * one in reconciliation and one decided with conditions. Idempotent.
 */
export async function seedDemoReviews(db: Db): Promise<number> {
  const [any] = await db.select({ id: reviewPanels.id }).from(reviewPanels).limit(1);
  if (any) return 0;
  const cobalt = await actorFor(db, "officer@cobalt.example");
  const [existing] = await db.select({ id: attestations.id }).from(attestations).where(eq(attestations.organisationId, cobalt.organisationId)).limit(1);
  if (existing) return 0;
  const bastion = await actorFor(db, "officer@bastion.example");
  const admin = await actorFor(db, "admin@ringfence.example");
  const reviewer = await actorFor(db, "reviewer@contoso.example");
  const auditor = await actorFor(db, "auditor@ncra.example");

  await submitted(db, cobalt, "Cobalt Antivirus", ["2026-01-01", "2026-06-30"], 3);

  const panel = async (id: string, due: number, lead: Actor) => {
    must(
      await assignPanel(db, admin, { attestationId: id, memberIds: [reviewer.userId, auditor.userId], leadUserId: lead.userId, dueDate: inDays(due) }),
      "assign",
    );
    for (const p of [reviewer, auditor]) must(await declareConflict(db, p, { attestationId: id, hasConflict: false, note: "" }), "declare");
  };

  // Being scored: the reviewer is part-way through, the auditor has not started.
  const scoring = await submitted(db, bastion, "Bastion EDR", ["2026-01-01", "2026-06-30"], 3);
  await panel(scoring, 14, auditor);
  await scoreAll(db, reviewer, scoring, () => 3, 4);

  // Complete and waiting for an officer's signature (signing asks for a recent second factor).
  await submitted(db, bastion, "Bastion EDR", ["2026-07-01", "2026-12-31"], 3, { unsigned: true });

  // Reconciliation: both submitted, with a spread of 2 on two controls.
  const reconciling = await submitted(db, bastion, "Bastion EDR", ["2025-07-01", "2025-12-31"], 3);
  await panel(reconciling, 7, auditor);
  await scoreAll(db, reviewer, reconciling, (i) => (i % 5 === 0 ? 4 : 3));
  await scoreAll(db, auditor, reconciling, (i) => (i % 5 === 0 ? 2 : 3));
  for (const p of [reviewer, auditor]) must(await submitScorecard(db, p, reconciling), "submit scorecard");

  // Decided with conditions: consensus 2 on two controls, 3 elsewhere; two remediation items; co-signed.
  const decided = await submitted(db, bastion, "Bastion EDR", ["2025-01-01", "2025-06-30"], 3);
  await panel(decided, 3, reviewer);
  await scoreAll(db, reviewer, decided, (i) => (i < 2 ? 2 : 3));
  await scoreAll(db, auditor, decided, (i) => (i < 2 ? 2 : 3));
  for (const p of [reviewer, auditor]) must(await submitScorecard(db, p, decided), "submit scorecard");
  const view = (await openForPanel(db, reviewer, decided))!;
  for (const [i, c] of view.snapshot.controls.entries())
    must(await recordConsensus(db, reviewer, { attestationId: decided, controlId: c.id, score: i < 2 ? 2 : 3, note: "" }), "consensus");
  const controls = view.snapshot.controls;
  must(
    await signDecision(
      db,
      reviewer,
      {
        attestationId: decided,
        summary:
          "Bastion ships in rings with health gates and can roll back, but two controls are only partly evidenced; the panel accepts them with conditions.",
        remediation: [
          { controlId: controls[0]!.id, action: "Provide the last two quarterly rollback drill reports, with timings.", dueDate: inDays(60) },
          {
            controlId: controls[1]!.id,
            action: "Show the health-gate thresholds in force for content updates, and a release that was halted by them.",
            dueDate: inDays(90),
          },
        ],
      },
      async (tx) => (await loadReconciliation(tx, reviewer, (await openForPanel(tx, reviewer, decided))!))?.outcome ?? null,
    ),
    "sign decision",
  );
  must(await cosignDecision(db, auditor, decided), "co-sign");

  // Aegis, the main demo vendor, has one attestation in review (the reviewer leads it), dated a month
  // back so the demo draft stays first in Aegis's lists. e2e/matrix/clarify.ts finds it by its period.
  const aegis = await actorFor(db, "officer@aegis.example");
  const inReview = await submitted(db, aegis, "Aegis Cloud Console", [DEMO_REVIEW_PERIOD.start, DEMO_REVIEW_PERIOD.end], 3);
  await panel(inReview, 30, reviewer);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);
  await db.update(attestations).set({ createdAt: monthAgo, updatedAt: monthAgo }).where(eq(attestations.id, inReview));

  const reports = await seedDemoReports(db, { admin, reviewer, auditor, aegis, bastion, cobalt });
  return 5 + reports;
}

type Cast = Record<"admin" | "reviewer" | "auditor" | "aegis" | "bastion" | "cobalt", Actor>;

/**
 * Published reports for the observers' dashboard: two periods, three vendors,
 * every outcome, one report superseded by a remediation revision, one overdue
 * remediation item. Every step goes through the portal's own functions.
 */
async function seedDemoReports(db: Db, p: Cast): Promise<number> {
  const { admin, reviewer, auditor } = p;
  const decide = async (id: string, opts: { lead: Actor; consensus: (i: number) => number; summary: string; remediation?: string[]; newPanel?: boolean }) => {
    if (opts.newPanel !== false) {
      must(
        await assignPanel(db, admin, { attestationId: id, memberIds: [reviewer.userId, auditor.userId], leadUserId: opts.lead.userId, dueDate: inDays(20) }),
        "assign",
      );
      for (const m of [reviewer, auditor]) must(await declareConflict(db, m, { attestationId: id, hasConflict: false, note: "" }), "declare");
    }
    for (const m of [reviewer, auditor]) {
      const view = (await openForPanel(db, m, id))!;
      // Carried-over scores (a remediation revision) already have a version; new ones start from 0.
      const card = await myScorecard(db, m.userId, id);
      for (const [i, c] of view.snapshot.controls.entries()) {
        const s = Math.max(0, Math.min(4, opts.consensus(i) + (m === auditor && i % 4 === 1 ? -1 : 0)));
        const current = card?.scores.get(c.id)?.version ?? 0;
        must(
          await saveScore(db, m, {
            attestationId: id,
            controlId: c.id,
            score: s,
            rationale: s <= 2 || Math.abs(s - (c.maturity ?? s)) >= 2 ? `Demo rationale: the evidence for ${c.controlId} is thin on this point.` : "",
            version: current,
          }),
          "score",
        );
      }
      must(await submitScorecard(db, m, id), "submit scorecard");
    }
    const view = (await openForPanel(db, opts.lead, id))!;
    for (const [i, c] of view.snapshot.controls.entries())
      must(
        await recordConsensus(db, opts.lead, {
          attestationId: id,
          controlId: c.id,
          score: opts.consensus(i),
          note: "Demo: agreed in the reconciliation meeting.",
        }),
        "consensus",
      );
    const outcome = (await loadReconciliation(db, opts.lead, view))!.outcome;
    if (!outcome.complete) throw new Error("demo review seed: consensus incomplete");
    const controls = view.snapshot.controls;
    must(
      await signDecision(
        db,
        opts.lead,
        {
          attestationId: id,
          summary: opts.summary,
          remediation:
            outcome.result === "meets_with_conditions"
              ? (opts.remediation ?? ["Send rollout records that show the canary ring for content updates."]).map((action, i) => ({
                  controlId: controls[i]!.id,
                  action,
                  dueDate: inDays(30 + 30 * i),
                }))
              : [],
        },
        async (tx) => (await loadReconciliation(tx, opts.lead, (await openForPanel(tx, opts.lead, id))!))?.outcome ?? null,
      ),
      "sign decision",
    );
    must(await cosignDecision(db, auditor, id), "co-sign");
  };
  const publish = async (id: string, officer: Actor, lead: Actor, response: string, publicSummary: boolean) => {
    must(await saveReportPreparation(db, officer, { attestationId: id, vendorResponse: response, publicSummary, ready: true, version: 0 }), "prepare report");
    return must(await publishReport(db, lead, id), "publish").reportId;
  };

  // Aegis Sensor, first half of 2025: meets, public summary allowed.
  const aegisH1 = await submitted(db, p.aegis, "Aegis Sensor", ["2025-01-01", "2025-06-30"], 4, { publishable: true, rollouts: "safe" });
  await decide(aegisH1, {
    lead: reviewer,
    consensus: (i) => (i % 3 === 0 ? 3 : 4),
    summary: "Aegis ships code and content in rings with numeric health gates, measured bake times and tested rollback. The panel found no gaps.",
  });
  await publish(aegisH1, p.aegis, reviewer, "We publish our ring definitions and bake times for every release channel.", true);

  // Aegis Sensor, second half of 2024: decided (meets) and waiting for Aegis to preview the report.
  const aegisH2 = await submitted(db, p.aegis, "Aegis Sensor", ["2024-07-01", "2024-12-31"], 4, { publishable: true, rollouts: "safe" });
  await decide(aegisH2, {
    lead: reviewer,
    consensus: (i) => (i % 4 === 0 ? 3 : 4),
    summary: "Aegis stages every release through rings with numeric health gates; rollback was tested twice in the period.",
  });

  // Aegis Cloud Console, second half of 2024: meets with conditions; one condition is now overdue.
  const consoleH2 = await submitted(db, p.aegis, "Aegis Cloud Console", ["2024-07-01", "2024-12-31"], 3, { publishable: true });
  await decide(consoleH2, {
    lead: reviewer,
    consensus: (i) => (i < 2 ? 2 : 3),
    summary: "Rollout practice is sound, but rollback drills are not recorded and customers cannot delay updates.",
    remediation: ["Record two quarterly rollback drills with timings.", "Let customers choose a delay ring for updates."],
  });
  await publish(consoleH2, p.aegis, reviewer, "", false);
  const [decision] = await db.select({ id: reviewDecisions.id }).from(reviewDecisions).where(eq(reviewDecisions.attestationId, consoleH2));
  const [firstItem] = await db
    .select({ id: remediationItems.id })
    .from(remediationItems)
    .where(eq(remediationItems.decisionId, decision!.id))
    .orderBy(remediationItems.dueDate)
    .limit(1);
  // Demo only: date the first condition in the past so the dashboard has an overdue item to show.
  await db
    .update(remediationItems)
    .set({ dueDate: inDays(-12) })
    .where(eq(remediationItems.id, firstItem!.id));

  // Cobalt Antivirus, first half of 2025: the July 2024 reference incident is among its linked records.
  const cobaltH1 = await submitted(db, p.cobalt, "Cobalt Antivirus", ["2025-01-01", "2025-06-30"], 2, { rollouts: "all" });
  await decide(cobaltH1, {
    lead: reviewer,
    consensus: (i) => (i % 2 === 0 ? 1 : 2),
    summary: "Content updates reach the whole fleet in one step, without a canary ring or a health gate; the reference incident was repeated in kind.",
  });
  await publish(cobaltH1, p.cobalt, reviewer, "We are introducing a canary ring for content updates this year.", false);

  // Bastion EDR, second half of 2024: conditions, published; then a remediation revision meets and supersedes it.
  const bastionH2 = await submitted(db, p.bastion, "Bastion EDR", ["2024-07-01", "2024-12-31"], 3, { publishable: true, rollouts: "safe" });
  await decide(bastionH2, {
    lead: reviewer,
    consensus: (i) => (i < 3 ? 2 : 3),
    summary: "Rings and gates are in place for code; content updates skip the canary ring and rollback is untested.",
    remediation: ["Stage content updates through a canary ring.", "Test rollback of a content update each quarter."],
  });
  await publish(bastionH2, p.bastion, reviewer, "The canary ring for content updates is live since January.", true);
  const revision = must(await createRevision(db, p.bastion, bastionH2), "remediation revision").id;
  must(
    await submitAttestation(db, p.bastion, { attestationId: revision, signerName: p.bastion.name, signerTitle: "Head of compliance", confirm: true }),
    "resubmit",
  );
  await decide(revision, {
    lead: reviewer,
    consensus: (i) => (i < 3 ? 3 : 4),
    summary: "The remediation revision shows content updates staged through a canary ring and two rollback tests; the conditions are met.",
    newPanel: false,
  });
  await publish(revision, p.bastion, reviewer, "", true);
  return 6;
}
