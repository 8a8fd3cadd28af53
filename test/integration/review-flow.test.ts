import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, inArray, sql } from "drizzle-orm";
import { attestations, memberships, organisations, reviewDecisions, scorecards, scores, users } from "@/db/schema";
import { seedDemo } from "@/db/seed/demo";
import type { Actor } from "@/lib/auth/actor";
import { ROLES } from "@/lib/auth/roles";
import { listQueue } from "@/lib/review/panels";
import { listPanelScores, openForPanel, panelEvidenceFile, saveScore, submitScorecard } from "@/lib/review/scoring";
import { cosignDecision } from "@/lib/review/decision";
import { lockFor } from "@/lib/review/state";
import { ACTIONS, check, STATES } from "@/lib/review/transitions";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();

{
  describe(`review and scoring (${process.env.TEST_DB_DRIVER})`, () => {
    let t: Awaited<ReturnType<typeof openTestDb>>;
    let reviewer: Actor, auditor: Actor, admin: Actor, observer: Actor, aegis: Actor, bastion: Actor, outsider: Actor;
    const byStatus = async (status: string) => (await t.db.select({ id: attestations.id }).from(attestations).where(eq(attestations.status, status as never)).orderBy(attestations.periodStart)).map((r) => r.id);

    beforeAll(async () => {
      t = await openTestDb();
      await seedDemo(t.db);
      const people = await Promise.all(
        ["reviewer@contoso.example", "auditor@ncra.example", "admin@ringfence.example", "observer@ncra.example", "officer@aegis.example", "officer@bastion.example"].map((e) => actorFor(t.db, e)),
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
      const queue = await listQueue(t.db, reviewer);
      expect(queue).toHaveLength(3);
      expect(queue.map((q) => q.dueDate)).toEqual([...queue.map((q) => q.dueDate)].sort());
      expect(await listQueue(t.db, outsider)).toEqual([]);
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
      const results = await Promise.all(c.flatMap((x, i) => [saveScore(t.db, reviewer, { attestationId: id!, controlId: x.id, score: 3, rationale: "", version: 1 }), saveScore(t.db, auditor, { attestationId: id!, controlId: x.id, score: (i % 2) + 3, rationale: "", version: 1 })]));
      expect(results.every((r) => r.ok)).toBe(true);
      const stale = await saveScore(t.db, reviewer, { attestationId: id!, controlId: c[0]!.id, score: 4, rationale: "", version: 1 });
      expect(stale).toMatchObject({ ok: false, code: "conflict", formError: expect.stringMatching(/another window \(now 3/) });
      const saved = await t.db
        .select({ n: sql<number>`count(*)::int` })
        .from(scores)
        .innerJoin(scorecards, eq(scorecards.id, scores.scorecardId))
        .where(and(eq(scorecards.attestationId, id!), inArray(scores.controlId, c.map((x) => x.id)), sql`${scores.score} is not null`));
      expect(saved[0]!.n).toBe(8);
      // A scorecard with unscored controls cannot be submitted.
      expect(await submitScorecard(t.db, reviewer, id!)).toMatchObject({ ok: false, code: "invalid" });
    });
  });
}
