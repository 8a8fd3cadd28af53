import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, like } from "drizzle-orm";
import {
  attestations,
  attestationSubmissions,
  auditEvents,
  clarificationMessages,
  clarifications,
  emailOutbox,
  evidenceItems,
  evidenceLinks,
  notifications,
} from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { deleteEvidence } from "@/lib/evidence/lifecycle";
import { createUrlEvidence } from "@/lib/evidence/vault";
import {
  answerClarification,
  askClarification,
  countOpenClarifications,
  getClarificationSubject,
  listClarifications,
  replyAsPanel,
  resolveClarification,
} from "@/lib/review/clarifications";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";
import { makePerson, placeInReview, submitted } from "./review-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, contributor: Actor, officer2: Actor, retiredOfficer: Actor, lead: Actor, member: Actor, pending: Actor, declared: Actor;
let fileItem: { id: string; title: string; currentVersion: number };

/** Message times a minute apart, so the order of a thread never depends on the clock's resolution. */
const at = (minute: number) => new Date(Date.UTC(2026, 6, 1, 9, minute));
const inbox = async (who: Actor, kind: string) =>
  t.db
    .select({ title: notifications.title, body: notifications.body, link: notifications.link })
    .from(notifications)
    .where(and(eq(notifications.userId, who.userId), eq(notifications.kind, kind)))
    .orderBy(asc(notifications.createdAt));

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  [officer, contributor, lead, member] = (await Promise.all(
    ["officer@aegis.example", "contributor@aegis.example", "reviewer@contoso.example", "auditor@ncra.example"].map((e) => actorFor(t.db, e)),
  )) as [Actor, Actor, Actor, Actor];
  officer2 = await makePerson(t.db, "aegis-endpoint", "vendor_officer", "Second Officer");
  retiredOfficer = await makePerson(t.db, "aegis-endpoint", "vendor_officer", "Former Officer", { active: false });
  pending = await makePerson(t.db, "contoso-platform", "platform_reviewer", "Pending Reviewer");
  declared = await makePerson(t.db, "ncra", "gov_auditor", "Declared Auditor");
  const [item] = await t.db
    .select({ id: evidenceItems.id, title: evidenceItems.title, currentVersion: evidenceItems.currentVersion })
    .from(evidenceItems)
    .where(eq(evidenceItems.title, "Release checklist (demo)"));
  fileItem = item!;
});
afterAll(async () => t.dispose());

describe(`clarifications (${process.env.TEST_DB_DRIVER})`, () => {
  it("asks, answers with evidence, follows up and resolves; notifies the right people; leaves the signed submission and the links as they were", async () => {
    const { id, controls } = await submitted(t.db, officer, "Aegis Cloud Console");
    await placeInReview(t.db, id, [
      { who: lead, isLead: true },
      { who: member },
      { who: pending, conflict: "pending" },
      { who: declared, conflict: "declared" },
    ]);
    const control = controls[1]!;
    const [submissionBefore] = await t.db.select().from(attestationSubmissions).where(eq(attestationSubmissions.attestationId, id));
    const linksBefore = await t.db.select().from(evidenceLinks).where(eq(evidenceLinks.attestationId, id)).orderBy(asc(evidenceLinks.id));
    const [rowBefore] = await t.db.select().from(attestations).where(eq(attestations.id, id));

    const asked = await askClarification(
      t.db,
      member,
      { attestationId: id, controlId: control, body: "  Which ring received the 4 March content update first?  " },
      at(0),
    );
    expect(asked).toEqual({ ok: true, data: { id: expect.any(String), attestationId: id, status: "open" } });
    const qid = asked.ok ? asked.data.id : "";
    const [stored] = await t.db.select().from(clarifications).where(eq(clarifications.id, qid));
    expect(stored).toMatchObject({ attestationId: id, organisationId: officer.organisationId, controlId: control, askedBy: member.userId, status: "open" });

    // Every active officer of the vendor is told, with a link to the questions page; contributors and inactive officers are not.
    for (const who of [officer, officer2])
      expect(await inbox(who, "clarification_asked")).toEqual([
        expect.objectContaining({ link: `/vendor/attestations/${id}/questions`, title: expect.stringMatching(/^Question from the review panel on /) }),
      ]);
    expect(await inbox(contributor, "clarification_asked")).toEqual([]);
    expect(await inbox(retiredOfficer, "clarification_asked")).toEqual([]);
    const mails = await t.db.select().from(emailOutbox).where(like(emailOutbox.subject, "Ringfence: Question from the review panel%"));
    expect(mails.map((m) => m.toAddress).sort()).toEqual([officer.email, officer2.email].sort());
    expect(mails.every((m) => !m.text.includes("4 March"))).toBe(true);

    expect(await countOpenClarifications(t.db, officer, id)).toBe(1);
    expect(await countOpenClarifications(t.db, contributor, id)).toBe(1);
    const [thread] = await listClarifications(t.db, contributor, id);
    expect(thread).toMatchObject({
      id: qid,
      controlId: control,
      status: "open",
      messages: [{ side: "panel", authorName: member.name, body: "Which ring received the 4 March content update first?", evidence: null }],
    });

    const answered = await answerClarification(
      t.db,
      officer,
      { clarificationId: qid, body: "The internal ring, at 08:00 UTC.", evidenceId: fileItem.id },
      at(1),
    );
    expect(answered).toEqual({ ok: true, data: { id: qid, attestationId: id, status: "answered" } });
    const [answer] = await t.db
      .select()
      .from(clarificationMessages)
      .where(and(eq(clarificationMessages.clarificationId, qid), eq(clarificationMessages.side, "vendor")));
    expect(answer).toMatchObject({ authorId: officer.userId, authorName: officer.name, evidenceItemId: fileItem.id, evidenceVersion: fileItem.currentVersion });
    expect(fileItem.currentVersion).toBeGreaterThanOrEqual(1);

    // Seated members only: not the pending one, not the one who declared a conflict.
    for (const who of [lead, member])
      expect(await inbox(who, "clarification_answered")).toEqual([
        expect.objectContaining({ link: `/review/${id}/score?control=${control}`, body: expect.stringContaining(fileItem.title) }),
      ]);
    for (const who of [pending, declared]) expect(await inbox(who, "clarification_answered")).toEqual([]);

    const forPanel = await listClarifications(t.db, lead, id, { controlId: control });
    expect(forPanel[0]!.messages.map((m) => [m.side, m.evidence])).toEqual([
      ["panel", null],
      ["vendor", { id: fileItem.id, title: fileItem.title, version: fileItem.currentVersion }],
    ]);
    expect(await listClarifications(t.db, lead, id, { controlId: controls[0]! })).toEqual([]);

    expect(await replyAsPanel(t.db, lead, { clarificationId: qid, body: "Please also give the bake time of that ring." }, at(2))).toMatchObject({
      ok: true,
      data: { status: "open" },
    });
    expect((await inbox(officer, "clarification_asked")).map((n) => n.title)).toEqual([
      expect.stringMatching(/^Question/),
      expect.stringMatching(/^Follow-up/),
    ]);
    const bake = await createUrlEvidence(t.db, officer, {
      title: "Bake time dashboard",
      description: "",
      kind: "url",
      url: "https://aegis.example/bake",
      evidenceDate: "2026-03-04",
      validUntil: null,
      classification: "reviewers_only",
    });
    if (!bake.ok) throw new Error("evidence failed");
    expect(await answerClarification(t.db, officer, { clarificationId: qid, body: "Four hours.", evidenceId: bake.data.id }, at(3))).toMatchObject({
      ok: true,
      data: { status: "answered" },
    });
    expect(await countOpenClarifications(t.db, officer, id)).toBe(0);

    expect(await resolveClarification(t.db, lead, { clarificationId: qid }, at(4))).toMatchObject({ ok: true, data: { status: "resolved" } });
    const [done] = await listClarifications(t.db, officer, id);
    expect(done).toMatchObject({ status: "resolved", resolvedByName: lead.name, resolvedAt: at(4).toISOString() });
    expect(done!.messages.map((m) => [m.side, m.evidence?.version ?? null])).toEqual([
      ["panel", null],
      ["vendor", fileItem.currentVersion],
      ["panel", null],
      ["vendor", 0],
    ]);

    // A resolved question is closed to everyone.
    expect(await answerClarification(t.db, officer, { clarificationId: qid, body: "One more thing." })).toMatchObject({ ok: false, code: "conflict" });
    expect(await replyAsPanel(t.db, member, { clarificationId: qid, body: "One more thing." })).toMatchObject({ ok: false, code: "conflict" });
    expect(await resolveClarification(t.db, member, { clarificationId: qid })).toMatchObject({ ok: false, code: "conflict" });
    expect(await t.db.select().from(clarificationMessages).where(eq(clarificationMessages.clarificationId, qid))).toHaveLength(4);

    const audit = await t.db
      .select({ action: auditEvents.action, actor: auditEvents.actorUserId })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, qid), like(auditEvents.action, "clarification.%")));
    expect(audit.map((a) => a.action).sort()).toEqual(
      ["clarification.answered", "clarification.answered", "clarification.asked", "clarification.followed_up", "clarification.resolved"].sort(),
    );

    // Answering attached evidence without a revision and without touching what was signed.
    const [submissionAfter] = await t.db.select().from(attestationSubmissions).where(eq(attestationSubmissions.attestationId, id));
    expect(submissionAfter).toEqual(submissionBefore);
    expect(await t.db.select().from(evidenceLinks).where(eq(evidenceLinks.attestationId, id)).orderBy(asc(evidenceLinks.id))).toEqual(linksBefore);
    const [rowAfter] = await t.db.select().from(attestations).where(eq(attestations.id, id));
    expect(rowAfter).toEqual(rowBefore);
    expect(await t.db.select({ id: attestations.id }).from(attestations).where(eq(attestations.lineageId, rowBefore!.lineageId))).toHaveLength(1);

    // The attached item stays as it was sent: it cannot be deleted from the vault.
    expect(await deleteEvidence(t.db, officer, { evidenceId: bake.data.id })).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringContaining("attached to an answer to the review panel"),
    });
  });

  it("writes the question, its notifications and its audit row with the caller's transaction: rolled back together", async () => {
    const { id, controls } = await submitted(t.db, officer, "Aegis Cloud Console");
    await placeInReview(t.db, id, [{ who: lead, isLead: true }]);
    const before = (await t.db.select({ id: notifications.id }).from(notifications)).length;
    const askedRows = async () => (await t.db.select({ id: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.action, "clarification.asked"))).length;
    const auditBefore = await askedRows();
    const marker = new Error("roll back");
    await expect(
      t.db.transaction(async (tx) => {
        const r = await askClarification(tx, lead, { attestationId: id, controlId: controls[0]!, body: "Rolled back question" });
        expect(r.ok).toBe(true);
        expect(await tx.select({ id: clarifications.id }).from(clarifications).where(eq(clarifications.attestationId, id))).toHaveLength(1);
        throw marker;
      }),
    ).rejects.toBe(marker);
    expect(await t.db.select({ id: clarifications.id }).from(clarifications).where(eq(clarifications.attestationId, id))).toEqual([]);
    expect((await t.db.select({ id: notifications.id }).from(notifications)).length).toBe(before);
    expect(await askedRows()).toBe(auditBefore);
  });

  it("shows the attestation and its submitted controls to the vendor and to seated panel members only", async () => {
    const { id, controls } = await submitted(t.db, officer, "Aegis Cloud Console");
    await placeInReview(t.db, id, [
      { who: lead, isLead: true },
      { who: pending, conflict: "pending" },
    ]);
    const forLead = await getClarificationSubject(t.db, lead, id);
    expect(forLead).toMatchObject({ id, status: "in_review", productName: "Aegis Cloud Console", revision: 1 });
    expect(forLead!.controls.map((c) => c.id)).toEqual(controls);
    expect(forLead!.controls[0]).toEqual({ id: controls[0], ref: expect.any(String), title: expect.any(String) });
    expect(await getClarificationSubject(t.db, contributor, id)).toMatchObject({ id });
    expect(await getClarificationSubject(t.db, pending, id)).toBeNull();
    expect(await getClarificationSubject(t.db, member, id)).toBeNull();
    expect(await getClarificationSubject(t.db, lead, "not-a-uuid")).toBeNull();
  });
});
