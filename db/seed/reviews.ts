import path from "node:path";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attestationAnswers, attestations, evidenceLinks, frameworks, frameworkVersions, products, reviewPanels } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getPrincipalForSignIn } from "@/lib/identity/queries";
import { getConfig } from "@/lib/config";
import { insertFileItem } from "@/lib/evidence/file-item";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import { listApplicableControls } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import { assignPanel, declareConflict } from "@/lib/review/panels";
import { saveScore, submitScorecard, openForPanel } from "@/lib/review/scoring";
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
async function submitted(db: Db, officer: Actor, productName: string, period: [string, string], maturity: number): Promise<string> {
  const [product] = await db.select().from(products).where(and(eq(products.organisationId, officer.organisationId), eq(products.name, productName)));
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
      .values({ lineageId: crypto.randomUUID(), organisationId: officer.organisationId, productId: product.id, frameworkVersionId: version.id, kind: "new", periodStart: period[0], periodEnd: period[1], createdBy: officer.userId })
      .returning({ id: attestations.id });
    const item = await insertFileItem(tx, { organisationId: officer.organisationId, createdBy: officer.userId, kind: "document", title: `Deployment practice statement ${period[0].slice(0, 7)}`, evidenceDate: period[1], fileName: `practice-statement-${period[0].slice(0, 7)}.txt` }, { sha256: file.sha256, size: file.size, mime: "text/plain; charset=utf-8" });
    const controls = await listApplicableControls(tx, version.id, product);
    await tx.insert(attestationAnswers).values(controls.map((c, i) => ({ attestationId: a!.id, controlId: c.id, status: "implemented" as const, narrative: `How ${productName} meets ${c.controlId}: described in the practice statement, section ${i + 1}.`, maturity, updatedBy: officer.userId })));
    await tx.insert(evidenceLinks).values(controls.map((c) => ({ attestationId: a!.id, controlId: c.id, evidenceId: item, createdBy: officer.userId })));
    return a!.id;
  });
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
    must(await saveScore(db, who, { attestationId, controlId: c.id, score: s, rationale: s <= 2 || Math.abs(s - (c.maturity ?? s)) >= 2 ? `Demo rationale: the evidence for ${c.controlId} is thin on this point.` : "", version: 1 }), "score");
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
    must(await assignPanel(db, admin, { attestationId: id, memberIds: [reviewer.userId, auditor.userId], leadUserId: lead.userId, dueDate: inDays(due) }), "assign");
    for (const p of [reviewer, auditor]) must(await declareConflict(db, p, { attestationId: id, hasConflict: false, note: "" }), "declare");
  };

  // Being scored: the reviewer is part-way through, the auditor has not started.
  const scoring = await submitted(db, bastion, "Bastion EDR", ["2026-01-01", "2026-06-30"], 3);
  await panel(scoring, 14, auditor);
  await scoreAll(db, reviewer, scoring, () => 3, 4);

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
  for (const [i, c] of view.snapshot.controls.entries()) must(await recordConsensus(db, reviewer, { attestationId: decided, controlId: c.id, score: i < 2 ? 2 : 3, note: "" }), "consensus");
  const controls = view.snapshot.controls;
  must(
    await signDecision(
      db,
      reviewer,
      {
        attestationId: decided,
        summary: "Bastion ships in rings with health gates and can roll back, but two controls are only partly evidenced; the panel accepts them with conditions.",
        remediation: [
          { controlId: controls[0]!.id, action: "Provide the last two quarterly rollback drill reports, with timings.", dueDate: inDays(60) },
          { controlId: controls[1]!.id, action: "Show the health-gate thresholds in force for content updates, and a release that was halted by them.", dueDate: inDays(90) },
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
  return 5;
}
