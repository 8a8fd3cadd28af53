import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, like, sql } from "drizzle-orm";
import { auditEvents, catalogControls, clarificationMessages, clarifications, evidenceItems, notifications } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
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
import { CLARIFICATION_BODY_MAX } from "@/lib/validations/clarifications";
import { openTestDb } from "./test-db";
import { actorFor, makeTempDataDir } from "./vendor-fixtures";
import { makePerson, placeInReview, setStatus, submitted } from "./review-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor,
  contributor: Actor,
  bastion: Actor,
  lead: Actor,
  auditor: Actor,
  observer: Actor,
  admin: Actor,
  outsider: Actor,
  pending: Actor,
  declared: Actor;
let attestationId: string, controlId: string, questionId: string;

/** Everything a refused call could have written. */
async function footprint() {
  const n = async (q: Promise<unknown[]>) => (await q).length;
  return {
    questions: await n(t.db.select({ id: clarifications.id }).from(clarifications)),
    statuses: (await t.db.select({ s: clarifications.status }).from(clarifications))
      .map((r) => r.s)
      .sort()
      .join(),
    messages: await n(t.db.select({ id: clarificationMessages.id }).from(clarificationMessages)),
    notifications: await n(t.db.select({ id: notifications.id }).from(notifications)),
    audit: await n(t.db.select({ id: auditEvents.seq }).from(auditEvents).where(like(auditEvents.action, "clarification.%"))),
  };
}

async function urlItem(who: Actor, title: string): Promise<string> {
  const r = await createUrlEvidence(t.db, who, {
    title,
    description: "",
    kind: "url",
    url: "https://vendor.example/e",
    evidenceDate: "2026-01-01",
    validUntil: null,
    classification: "reviewers_only",
  });
  if (!r.ok) throw new Error("evidence failed");
  return r.data.id;
}

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  const emails = [
    "officer@aegis.example",
    "contributor@aegis.example",
    "officer@bastion.example",
    "reviewer@contoso.example",
    "auditor@ncra.example",
    "observer@ncra.example",
    "admin@ringfence.example",
  ];
  [officer, contributor, bastion, lead, auditor, observer, admin] = (await Promise.all(emails.map((e) => actorFor(t.db, e)))) as Actor[] as [
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
    Actor,
  ];
  outsider = await makePerson(t.db, "contoso-platform", "platform_reviewer", "Other Reviewer");
  pending = await makePerson(t.db, "contoso-platform", "platform_reviewer", "Pending Reviewer");
  declared = await makePerson(t.db, "ncra", "gov_auditor", "Declared Auditor");
  const s = await submitted(t.db, officer, "Aegis Cloud Console");
  attestationId = s.id;
  controlId = s.controls[0]!;
  await placeInReview(t.db, attestationId, [
    { who: lead, isLead: true },
    { who: auditor },
    { who: pending, conflict: "pending" },
    { who: declared, conflict: "declared" },
  ]);
  const q = await askClarification(t.db, lead, { attestationId, controlId, body: "How is the canary ring chosen?" });
  if (!q.ok) throw new Error("ask failed");
  questionId = q.data.id;
});
afterAll(async () => t.dispose());

describe(`clarification access (${process.env.TEST_DB_DRIVER})`, () => {
  it("refuses everyone but seated panel members and the vendor's officers, and changes nothing", async () => {
    const before = await footprint();
    const ask = (who: Actor) => askClarification(t.db, who, { attestationId, controlId, body: "Refused question" });
    const reply = (who: Actor) => replyAsPanel(t.db, who, { clarificationId: questionId, body: "Refused follow-up" });
    const resolve = (who: Actor) => resolveClarification(t.db, who, { clarificationId: questionId });
    const answer = (who: Actor) => answerClarification(t.db, who, { clarificationId: questionId, body: "Refused answer" });

    // People who cannot see the attestation: not found, as for an unknown id.
    for (const who of [outsider, declared, observer, bastion]) {
      for (const call of [ask, reply, resolve, answer]) expect(await call(who), who.name).toMatchObject({ ok: false, code: "not_found" });
    }
    // A member who has not declared yet knows of the attestation but may not act on it, nor read its questions.
    expect(await ask(pending)).toMatchObject({ ok: false, code: "forbidden" });
    for (const call of [reply, resolve, answer]) expect(await call(pending)).toMatchObject({ ok: false, code: "not_found" });
    // The vendor's own people: contributors read, officers answer; neither asks or resolves.
    for (const call of [ask, reply, resolve, answer]) expect(await call(contributor)).toMatchObject({ ok: false, code: "forbidden" });
    for (const call of [ask, reply, resolve]) expect(await call(officer)).toMatchObject({ ok: false, code: "forbidden" });
    // Panel members do not answer for the vendor; administrators take no part.
    expect(await answer(lead)).toMatchObject({ ok: false, code: "forbidden" });
    for (const call of [ask, reply, resolve, answer])
      expect(await call(admin)).toMatchObject({ ok: false, code: expect.stringMatching(/^(forbidden|not_found)$/) });
    // Unknown ids.
    expect(await replyAsPanel(t.db, lead, { clarificationId: crypto.randomUUID(), body: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await askClarification(t.db, lead, { attestationId: crypto.randomUUID(), controlId, body: "x" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await resolveClarification(t.db, lead, { clarificationId: "1; drop table clarifications" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { clarificationId: [expect.any(String)] },
    });

    expect(await footprint()).toEqual(before);

    // Reads: the same people see nothing.
    for (const who of [outsider, pending, declared, observer, bastion, admin]) {
      expect(await listClarifications(t.db, who, attestationId), who.name).toEqual([]);
      expect(await countOpenClarifications(t.db, who, attestationId)).toBe(0);
      expect(await getClarificationSubject(t.db, who, attestationId)).toBeNull();
    }
    for (const who of [officer, contributor, lead, auditor]) expect(await listClarifications(t.db, who, attestationId), who.name).toHaveLength(1);
  });

  it("attaches only an active item of the vendor's own vault", async () => {
    const before = await footprint();
    const foreign = await urlItem(bastion, "Bastion policy");
    const retired = await urlItem(officer, "Old policy");
    await t.db.update(evidenceItems).set({ status: "retired", retiredAt: new Date(), retiredBy: officer.userId }).where(eq(evidenceItems.id, retired));
    for (const evidenceId of [foreign, retired, crypto.randomUUID()]) {
      const r = await answerClarification(t.db, officer, { clarificationId: questionId, body: "See the attached policy.", evidenceId });
      expect(r).toMatchObject({ ok: false, code: "invalid", fieldErrors: { evidenceId: [expect.any(String)] } });
    }
    expect(await answerClarification(t.db, officer, { clarificationId: questionId, body: "See it.", evidenceId: "not-an-id" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { evidenceId: [expect.any(String)] },
    });
    expect(await footprint()).toEqual(before);
  });

  it("refuses hostile text with a message for the field", async () => {
    const before = await footprint();
    const hostile = [
      "",
      "   \n\t ",
      "x".repeat(CLARIFICATION_BODY_MAX + 1),
      "bell \u0007",
      "nul \u0000",
      "escape \u001b[31m",
      "lone \ud800 surrogate",
      "c1 \u0085",
    ];
    for (const body of hostile) {
      expect(await askClarification(t.db, lead, { attestationId, controlId, body }), JSON.stringify(body)).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { body: [expect.any(String)] },
      });
      expect(await replyAsPanel(t.db, lead, { clarificationId: questionId, body })).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { body: [expect.any(String)] },
      });
      expect(await answerClarification(t.db, officer, { clarificationId: questionId, body })).toMatchObject({
        ok: false,
        code: "invalid",
        fieldErrors: { body: [expect.any(String)] },
      });
    }
    expect(await askClarification(t.db, lead, { attestationId, controlId, body: 42 as unknown as string })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { body: [expect.any(String)] },
    });
    // A control that is not part of the signed submission (a kernel-only control; the product has no kernel component).
    const [kernelOnly] = await t.db.select({ id: catalogControls.id }).from(catalogControls).where(eq(catalogControls.kernelOnly, true)).limit(1);
    expect(await askClarification(t.db, lead, { attestationId, controlId: kernelOnly!.id, body: "About this control" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { controlId: [expect.any(String)] },
    });
    expect(await footprint()).toEqual(before);

    // The limits themselves are accepted; multi-line text keeps its line breaks.
    const longest = "y".repeat(CLARIFICATION_BODY_MAX);
    expect(await askClarification(t.db, auditor, { attestationId, controlId, body: longest })).toMatchObject({ ok: true });
    expect(await answerClarification(t.db, officer, { clarificationId: questionId, body: "Line one\r\n\tLine two" })).toMatchObject({ ok: true });
    const stored = await t.db
      .select({ body: clarificationMessages.body })
      .from(clarificationMessages)
      .where(sql`${clarificationMessages.body} in (${longest}, ${"Line one\r\n\tLine two"})`);
    expect(stored).toHaveLength(2);
  });

  it("works only while the attestation is in review; questions stay readable", async () => {
    for (const status of ["reconciliation", "changes_requested", "decided", "published", "withdrawn", "submitted"] as const) {
      await setStatus(t.db, attestationId, status);
      const before = await footprint();
      expect(await askClarification(t.db, lead, { attestationId, controlId, body: "Late question" }), status).toMatchObject({ ok: false, code: "conflict" });
      expect(await replyAsPanel(t.db, lead, { clarificationId: questionId, body: "Late follow-up" }), status).toMatchObject({ ok: false, code: "conflict" });
      expect(await answerClarification(t.db, officer, { clarificationId: questionId, body: "Late answer" }), status).toMatchObject({
        ok: false,
        code: "conflict",
      });
      expect(await resolveClarification(t.db, auditor, { clarificationId: questionId }), status).toMatchObject({ ok: false, code: "conflict" });
      expect(await footprint()).toEqual(before);
      expect((await listClarifications(t.db, lead, attestationId)).length).toBeGreaterThan(0);
      expect((await listClarifications(t.db, officer, attestationId)).length).toBeGreaterThan(0);
    }
    // Reviewers never see a vendor's draft, even of a lineage they review.
    await setStatus(t.db, attestationId, "draft");
    expect(await askClarification(t.db, lead, { attestationId, controlId, body: "Draft question" })).toMatchObject({ ok: false, code: "not_found" });
    expect(await listClarifications(t.db, lead, attestationId)).toEqual([]);
    await setStatus(t.db, attestationId, "in_review");
    expect(await resolveClarification(t.db, auditor, { clarificationId: questionId })).toMatchObject({ ok: true });
    const [row] = await t.db
      .select({ status: clarifications.status, resolvedBy: clarifications.resolvedBy })
      .from(clarifications)
      .where(and(eq(clarifications.id, questionId)));
    expect(row).toEqual({ status: "resolved", resolvedBy: auditor.userId });
  });
});
