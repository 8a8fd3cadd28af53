import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import {
  attestations,
  evidenceItems,
  memberships,
  notifications,
  organisations,
  remediationItems,
  reviewDecisions,
  scorecards,
  scores,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { QUEUE_PAGE, assignPanel, declareConflict, listQueuePage } from "@/lib/review/panels";
import { listPanelScores, openForPanel, panelEvidenceFile, saveScore, submitScorecard } from "@/lib/review/scoring";
import { cosignDecision, requestChanges } from "@/lib/review/decision";
import { closeRemediation, queueRemediationReminders, reviewForVendor, reviewRemediation } from "@/lib/review/remediation";
import { myScorecard } from "@/lib/review/scoring";
import { saveAnswer } from "@/lib/attestations/answers";
import { loadWorkspace } from "@/lib/attestations/queries";
import { createRevision, submitAttestation } from "@/lib/attestations/submit";
import { lockFor } from "@/lib/review/state";
import { ACTIONS, check, STATES } from "@/lib/review/transitions";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();

{
  describe(`review and scoring (${process.env.TEST_DB_DRIVER})`, () => {
    let t: Awaited<ReturnType<typeof openTestDb>>;
    let reviewer: Actor, auditor: Actor, admin: Actor, observer: Actor, aegis: Actor, bastion: Actor, outsider: Actor;
    const myScorecardOf = async (userId: string, attestationId: string, controlId: string) => {
      const card = await myScorecard(t.db, userId, attestationId);
      const sc = card?.scores.get(controlId);
      return sc ? { score: sc.score, version: sc.version } : null;
    };
    // The seed's Bastion and Cobalt submissions (Aegis's one in review is left to the clarification tests).
    const byStatus = async (status: string) =>
      (
        await t.db
          .select({ id: attestations.id })
          .from(attestations)
          .where(and(eq(attestations.status, status as never), ne(attestations.organisationId, aegis.organisationId)))
          .orderBy(attestations.periodStart)
      ).map((r) => r.id);

    beforeAll(async () => {
      t = await openTestDb({ seeded: true });
      const people = await Promise.all(
        [
          "reviewer@contoso.example",
          "auditor@ncra.example",
          "admin@ringfence.example",
          "observer@ncra.example",
          "officer@aegis.example",
          "officer@bastion.example",
        ].map((e) => actorFor(t.db, e)),
      );
      [reviewer, auditor, admin, observer, aegis, bastion] = people as [Actor, Actor, Actor, Actor, Actor, Actor];
      // A second platform reviewer who sits on no panel.
      const [org] = await t.db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, "contoso-platform"));
      const [u] = await t.db.insert(users).values({ email: "outsider@contoso.example", name: "Otto Outsider" }).returning({ id: users.id });
      await t.db.insert(memberships).values({ userId: u!.id, organisationId: org!.id, role: "platform_reviewer" });
      outsider = await actorFor(t.db, "outsider@contoso.example");
    }, 120_000);
    afterAll(async () => t?.dispose());

    it("seeds a submission at every review stage, and the reviewer's queue is sorted by due date", async () => {
      expect(await byStatus("submitted")).toHaveLength(1);
      expect(await byStatus("in_review")).toHaveLength(1);
      expect(await byStatus("reconciliation")).toHaveLength(1);
      expect(await byStatus("decided")).toHaveLength(1);
      const open = await listQueuePage(t.db, reviewer, "open", 1);
      const closed = await listQueuePage(t.db, reviewer, "closed", 1);
      // Under way: Bastion's three panels, Aegis's submission in review and its decided one waiting for publication (Cobalt's has no panel yet); finished: published reports.
      expect(open.items.map((q) => q.status).sort()).toEqual(["decided", "decided", "in_review", "in_review", "reconciliation"]);
      expect(open.items.map((q) => q.dueDate)).toEqual([...open.items.map((q) => q.dueDate)].sort());
      expect(closed.items.length).toBeGreaterThan(0);
      expect(closed.items.every((q) => q.status === "published" || q.status === "withdrawn")).toBe(true);
      expect(closed.items.map((q) => q.dueDate)).toEqual([...closed.items.map((q) => q.dueDate)].sort().reverse());
      expect(open).toMatchObject({ total: 5, page: 1, pageCount: 1 });
      expect(closed.items.length).toBeLessThanOrEqual(QUEUE_PAGE);
      // A page past the end shows the last.
      expect(await listQueuePage(t.db, reviewer, "open", 7)).toEqual(open);
      expect(await listQueuePage(t.db, outsider, "open", 1)).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
      expect(await listQueuePage(t.db, outsider, "closed", 1)).toEqual({ items: [], total: 0, page: 1, pageCount: 1 });
    });

    it("is blind until a member submits their own scorecard; the query returns nothing before", async () => {
      const [id] = await byStatus("in_review");
      expect(await listPanelScores(t.db, reviewer, id!)).toEqual([]);
      expect(await listPanelScores(t.db, auditor, id!)).toEqual([]);
      // Even a reviewer who has scored some controls sees only their own card on the page data.
      const a = (await openForPanel(t.db, auditor, id!))!;
      expect(a.relation).toBe("lead");
      // In reconciliation, both submitted: both see both.
      const [rec] = await byStatus("reconciliation");
      const seen = await listPanelScores(t.db, reviewer, rec!);
      expect(new Set(seen.map((s) => s.userId))).toEqual(new Set([reviewer.userId, auditor.userId]));
    });

    it("gives not-found to people off the panel, observers, administrators and other vendors, for the review and its files", async () => {
      for (const id of [...(await byStatus("in_review")), ...(await byStatus("reconciliation")), ...(await byStatus("decided"))]) {
        const a = (await openForPanel(t.db, reviewer, id))!;
        const file = a.snapshot.controls.flatMap((c) => c.evidence).find((e) => e.sha256)!;
        expect(await panelEvidenceFile(t.db, reviewer, id, file.id, file.version!)).toMatchObject({ sha256: file.sha256 });
        for (const who of [outsider, observer, admin, aegis, bastion]) {
          expect(await openForPanel(t.db, who, id)).toBeNull();
          expect(await listPanelScores(t.db, who, id)).toEqual([]);
          expect(await panelEvidenceFile(t.db, who, id, file.id, file.version!)).toBeNull();
        }
        // A version the snapshot does not name is not served either.
        expect(await panelEvidenceFile(t.db, reviewer, id, file.id, file.version! + 1)).toBeNull();
      }
    });

    it("applies the transition table to real rows: every state × action × role, and a refusal changes nothing", async () => {
      const [id] = await byStatus("reconciliation");
      const [row] = await t.db.select().from(attestations).where(eq(attestations.id, id!));
      const contributor = await actorFor(t.db, "contributor@aegis.example");
      const actors = { reviewer, auditor, admin, observer, bastion, aegis, outsider, contributor };
      let tried = 0;
      for (const state of STATES) {
        await t.db.update(attestations).set({ status: state }).where(eq(attestations.id, id!));
        for (const action of ACTIONS) {
          for (const [name, actor] of Object.entries(actors)) {
            const relation = name === "bastion" ? "owner" : name === "auditor" ? "lead" : name === "reviewer" ? "member" : "none";
            const expected = check(action, state, actor.role, relation);
            // Reviewers never see drafts; people with no relation who are not administrators see nothing.
            const visible = relation !== "none" || actor.role === "admin";
            const hidden = !visible || (relation !== "owner" && state === "draft" && actor.role !== "admin");
            // lockFor only reads (under a row lock); the state changes are made by moveTo after it.
            const got = await t.db.transaction((tx) => lockFor(tx, actor, id!, action));
            tried++;
            if (hidden) expect(got, `${state} ${action} ${name}`).toMatchObject({ ok: false, result: { code: "not_found" } });
            else expect(got.ok, `${state} ${action} ${name}`).toBe(expected.ok);
          }
        }
        const [after] = await t.db.select({ status: attestations.status, v: attestations.stateVersion }).from(attestations).where(eq(attestations.id, id!));
        expect(after).toEqual({ status: state, v: row!.stateVersion });
      }
      await t.db.update(attestations).set({ status: row!.status }).where(eq(attestations.id, id!));
      expect(tried).toBe(STATES.length * ACTIONS.length * 8);
      expect(ROLES.every((r) => Object.values(actors).some((a) => a.role === r))).toBe(true);
    });

    it("the database refuses a decision co-signed by its signer, and the code refuses it too", async () => {
      const [id] = await byStatus("decided");
      const [d] = await t.db.select().from(reviewDecisions).where(eq(reviewDecisions.attestationId, id!));
      expect(d!.cosignedBy).not.toBe(d!.signedBy);
      await expect(t.db.update(reviewDecisions).set({ cosignedBy: d!.signedBy }).where(eq(reviewDecisions.id, d!.id))).rejects.toThrow();
      expect(await cosignDecision(t.db, auditor, id!)).toMatchObject({ ok: false, code: "conflict" });
    });

    it("two reviewers saving at once lose nothing; a stale version is refused with the current value", async () => {
      const [id] = await byStatus("in_review");
      const a = (await openForPanel(t.db, reviewer, id!))!;
      const c = a.snapshot.controls.slice(6, 10);
      const results = await Promise.all(
        c.flatMap((x, i) => [
          saveScore(t.db, reviewer, { attestationId: id!, controlId: x.id, score: 3, rationale: "", version: 1 }),
          saveScore(t.db, auditor, { attestationId: id!, controlId: x.id, score: (i % 2) + 3, rationale: "", version: 1 }),
        ]),
      );
      expect(results.every((r) => r.ok)).toBe(true);
      const stale = await saveScore(t.db, reviewer, { attestationId: id!, controlId: c[0]!.id, score: 4, rationale: "", version: 1 });
      expect(stale).toMatchObject({ ok: false, code: "conflict", formError: expect.stringMatching(/another window \(now 3/) });
      const saved = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(scores)
        .innerJoin(scorecards, eq(scorecards.id, scores.scorecardId))
        .where(
          and(
            eq(scorecards.attestationId, id!),
            inArray(
              scores.controlId,
              c.map((x) => x.id),
            ),
            sql`${scores.score} is not null`,
          ),
        );
      expect(saved[0]!.n).toBe(8);
      // A scorecard with unscored controls cannot be submitted.
      expect(await submitScorecard(t.db, reviewer, id!)).toMatchObject({ ok: false, code: "invalid" });
    });

    it("a member who declares a conflict leaves the panel, sees nothing, and the administrators are told", async () => {
      const [waiting] = await byStatus("submitted");
      const auditor2 = await actorFor(t.db, "auditor2@ncra.example");
      const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
      expect(
        await assignPanel(t.db, reviewer, { attestationId: waiting!, memberIds: [reviewer.userId, auditor.userId], leadUserId: auditor.userId, dueDate: due }),
      ).toMatchObject({ ok: false, code: "not_found" });
      expect(
        await assignPanel(t.db, admin, { attestationId: waiting!, memberIds: [reviewer.userId, outsider.userId], leadUserId: reviewer.userId, dueDate: due }),
      ).toMatchObject({ ok: false, fieldErrors: { memberIds: [expect.stringMatching(/government auditor/)] } });
      expect(
        await assignPanel(t.db, admin, {
          attestationId: waiting!,
          memberIds: [reviewer.userId, auditor.userId, auditor2.userId],
          leadUserId: auditor.userId,
          dueDate: due,
        }),
      ).toMatchObject({ ok: true });
      // Invited, not yet declared: nothing of the submission.
      expect(await openForPanel(t.db, auditor2, waiting!)).toBeNull();
      expect(
        await declareConflict(t.db, auditor2, { attestationId: waiting!, hasConflict: true, note: "I advised Cobalt on its release process in 2025." }),
      ).toEqual({ ok: true, data: { seated: false } });
      expect(await openForPanel(t.db, auditor2, waiting!)).toBeNull();
      expect(await declareConflict(t.db, auditor2, { attestationId: waiting!, hasConflict: false, note: "" })).toMatchObject({ ok: false, code: "not_found" });
      const told = await t.db
        .select({ title: notifications.title })
        .from(notifications)
        .where(and(eq(notifications.userId, admin.userId), eq(notifications.kind, "conflict_declared")));
      expect(told.map((n) => n.title)).toContain("Greta Auditor declared a conflict of interest");
      expect((await listQueuePage(t.db, auditor2, "open", 1)).items).toEqual([]);
    });

    it("a lead requesting changes while a reviewer saves: one wins under the row lock, nothing half-done", async () => {
      const [id] = await byStatus("in_review");
      const a = (await openForPanel(t.db, reviewer, id!))!;
      const control = a.snapshot.controls[20]!;
      const before = (await myScorecardOf(reviewer.userId, id!, control.id))!;
      const [save, request] = await Promise.all([
        saveScore(t.db, reviewer, { attestationId: id!, controlId: control.id, score: 4, rationale: "", version: before.version }),
        requestChanges(t.db, auditor, { attestationId: id!, message: "Please add the drill reports for the period." }),
      ]);
      expect(request.ok).toBe(true);
      const [row] = await t.db.select({ status: attestations.status }).from(attestations).where(eq(attestations.id, id!));
      expect(row!.status).toBe("changes_requested");
      const after = (await myScorecardOf(reviewer.userId, id!, control.id))!;
      if (save.ok) expect(after).toMatchObject({ score: 4, version: before.version + 1 });
      else {
        expect(save).toMatchObject({ code: "conflict" });
        expect(after).toEqual(before);
      }
      // Nothing can be saved any more.
      expect(
        await saveScore(t.db, reviewer, {
          attestationId: id!,
          controlId: control.id,
          score: 2,
          rationale: "Too late to change this one.",
          version: after.version,
        }),
      ).toMatchObject({ ok: false, code: "conflict" });
    });
  });
}

describe(`remediation, reminders and carried-over scores (${process.env.TEST_DB_DRIVER})`, () => {
  let t: Awaited<ReturnType<typeof openTestDb>>;
  let reviewer: Actor, auditor: Actor, bastion: Actor, aegis: Actor;
  beforeAll(async () => {
    t = await openTestDb({ seeded: true });
    [reviewer, auditor, bastion, aegis] = (await Promise.all(
      ["reviewer@contoso.example", "auditor@ncra.example", "officer@bastion.example", "officer@aegis.example"].map((e) => actorFor(t.db, e)),
    )) as [Actor, Actor, Actor, Actor];
  }, 120_000);
  afterAll(async () => t?.dispose());

  it("the vendor closes an item with its own evidence; only the lead accepts or reopens it; reminders go out once", async () => {
    const [decided] = await t.db
      .select({ id: attestations.id })
      .from(attestations)
      .where(and(eq(attestations.status, "decided"), eq(attestations.organisationId, bastion.organisationId)));
    const review = (await reviewForVendor(t.db, bastion.organisationId, decided!.id))!;
    expect(review.decision).toMatchObject({ result: "meets_with_conditions" });
    expect(review.items).toHaveLength(2);
    expect(await reviewForVendor(t.db, aegis.organisationId, decided!.id)).toMatchObject({ decision: null, items: [] });
    const [item] = review.items;
    const [ev] = await t.db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.organisationId, bastion.organisationId)).limit(1);
    const [foreign] = await t.db.select({ id: evidenceItems.id }).from(evidenceItems).where(eq(evidenceItems.organisationId, aegis.organisationId)).limit(1);
    expect(await closeRemediation(t.db, aegis, { itemId: item!.id, note: "Done by someone else entirely." })).toMatchObject({ ok: false, code: "not_found" });
    expect(await closeRemediation(t.db, bastion, { itemId: item!.id, note: "Drill reports attached.", evidenceId: foreign!.id })).toMatchObject({
      ok: false,
      code: "invalid",
    });
    expect(await closeRemediation(t.db, bastion, { itemId: item!.id, note: "Drill reports attached for both quarters.", evidenceId: ev!.id })).toEqual({
      ok: true,
      data: undefined,
    });
    // The panel can now open the attached file; the co-signer is not the lead and cannot accept.
    const [closed] = await t.db.select().from(remediationItems).where(eq(remediationItems.id, item!.id));
    expect(await panelEvidenceFile(t.db, auditor, decided!.id, ev!.id, closed!.evidenceVersion!)).not.toBeNull();
    expect(await reviewRemediation(t.db, auditor, { itemId: item!.id, accept: true, note: "" })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await reviewRemediation(t.db, reviewer, { itemId: item!.id, accept: false, note: "short" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await reviewRemediation(t.db, reviewer, { itemId: item!.id, accept: false, note: "The Q2 report has no timings; add them." })).toEqual({
      ok: true,
      data: undefined,
    });
    expect(await closeRemediation(t.db, bastion, { itemId: item!.id, note: "Q2 report now has timings." })).toEqual({ ok: true, data: undefined });
    expect(await reviewRemediation(t.db, reviewer, { itemId: item!.id, accept: true, note: "" })).toEqual({ ok: true, data: undefined });
    expect(await closeRemediation(t.db, bastion, { itemId: item!.id, note: "Trying to close it once more." })).toMatchObject({ ok: false, code: "conflict" });
    // Reminders: the other item is due in 90 days; 85 days on it is due soon, 91 days on it is overdue; each once.
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    // Only this decision's items count here: the demo's published reports have conditions of their own.
    const [own] = await t.db.select({ decisionId: remediationItems.decisionId }).from(remediationItems).where(eq(remediationItems.id, item!.id));
    await t.db.update(remediationItems).set({ status: "accepted" }).where(ne(remediationItems.decisionId, own!.decisionId));
    expect(await queueRemediationReminders(t.db, at(1))).toBe(0);
    expect(await queueRemediationReminders(t.db, at(85))).toBe(1);
    expect(await queueRemediationReminders(t.db, at(86))).toBe(0);
    expect(await queueRemediationReminders(t.db, at(91))).toBe(1);
    expect(await queueRemediationReminders(t.db, at(92))).toBe(0);
  });

  it("a requested revision goes back to the panel with unchanged controls' scores carried over and changed ones marked", async () => {
    const [scoring] = await t.db
      .select({ id: attestations.id, lineageId: attestations.lineageId })
      .from(attestations)
      .where(and(eq(attestations.status, "in_review"), eq(attestations.organisationId, bastion.organisationId)));
    const lead = auditor;
    expect(await requestChanges(t.db, reviewer, { attestationId: scoring!.id, message: "Only the lead may ask for this." })).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(await requestChanges(t.db, lead, { attestationId: scoring!.id, message: "Add the rollback drill reports for the period." })).toEqual({
      ok: true,
      data: undefined,
    });
    expect((await reviewForVendor(t.db, bastion.organisationId, scoring!.id))!.changesRequested).toMatchObject({
      message: "Add the rollback drill reports for the period.",
    });
    const rev = await createRevision(t.db, bastion, scoring!.id);
    if (!rev.ok) throw new Error(rev.formError);
    const ws = (await loadWorkspace(t.db, bastion.organisationId, rev.data.id))!;
    const first = ws.controls[0]!;
    const a = ws.answers.get(first.id)!;
    expect(
      await saveAnswer(t.db, bastion, {
        attestationId: rev.data.id,
        controlId: first.id,
        version: a.version,
        status: a.status!,
        narrative: `${a.narrative} Drill reports added.`,
        maturity: a.maturity,
        justification: a.justification,
        targetDate: a.targetDate,
        plan: a.plan,
      }),
    ).toMatchObject({ ok: true });
    expect(
      await submitAttestation(t.db, bastion, { attestationId: rev.data.id, signerName: bastion.name, signerTitle: "Head of compliance", confirm: true }),
    ).toMatchObject({ ok: true });
    const [after] = await t.db.select({ status: attestations.status }).from(attestations).where(eq(attestations.id, rev.data.id));
    expect(after!.status).toBe("in_review");
    const card = (await myScorecard(t.db, reviewer.userId, rev.data.id))!;
    const mine = [...card.scores.values()];
    expect(card.scores.get(first.id)).toMatchObject({ score: null, rescore: true });
    // The seed scored the first four controls at 3: the three unchanged ones carry over from revision 1.
    expect(mine.filter((s) => s.carriedFrom === 1).map((s) => s.score)).toEqual([3, 3, 3]);
    expect(mine.filter((s) => s.score === null)).toHaveLength(mine.length - 3);
    expect((await myScorecard(t.db, auditor.userId, rev.data.id))!.scores.get(first.id)).toMatchObject({ rescore: true });
  });
});
