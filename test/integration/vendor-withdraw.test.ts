import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { attestations, attestationSubmissions, auditEvents } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation, WITHDRAWN_MESSAGE } from "@/lib/attestations/answers";
import { listAttestations, loadWorkspace } from "@/lib/attestations/queries";
import { createRevision, submitAttestation } from "@/lib/attestations/submit";
import { verifySubmission } from "@/lib/attestations/verify";
import { withdrawAttestation } from "@/lib/attestations/withdraw";
import { getWithdrawal } from "@/lib/attestations/withdrawals";
import { createUrlEvidence } from "@/lib/evidence/vault";
import type { Actor } from "@/lib/auth/session";
import { withdrawSchema } from "@/lib/validations/vendor";
import { openTestDb } from "./test-db";
import { actorFor, ANSWERED, baselineVersionId, makeTempDataDir, productNamed, requestChangesOn, uniquePeriod } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, contributor: Actor, bastion: Actor;
let versionId: string, productId: string;
const REASON = "The product was retired on 30 June; no later versions will ship.";

async function startDraft(db: Db): Promise<string> {
  const r = await startAttestation(db, officer, { productId, frameworkVersionId: versionId, kind: "new", ...uniquePeriod() });
  if (!r.ok) throw new Error("start failed");
  return r.data.id;
}

/** A draft with every control answered and every must control evidenced, signed and submitted. */
async function submitted(db: Db): Promise<string> {
  const id = await startDraft(db);
  const ws = (await loadWorkspace(db, officer.organisationId, id))!;
  const ev = await createUrlEvidence(db, officer, {
    title: "Deployment policy",
    description: "",
    kind: "url",
    url: "https://aegis.example/sdp",
    evidenceDate: "2026-01-01",
    validUntil: null,
    classification: "publishable",
  });
  if (!ev.ok) throw new Error("evidence failed");
  for (const c of ws.controls) {
    await saveAnswer(db, officer, { attestationId: id, controlId: c.id, version: 0, ...ANSWERED });
    if (c.must) await setEvidenceLinks(db, officer, { attestationId: id, controlId: c.id, evidenceIds: [ev.data.id] });
  }
  const s = await submitAttestation(db, officer, { attestationId: id, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true });
  if (!s.ok) throw new Error(`submit failed: ${s.formError}`);
  return id;
}

const statusOf = async (id: string) => (await t.db.select({ status: attestations.status }).from(attestations).where(eq(attestations.id, id)))[0]?.status;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  [officer, contributor, bastion] = (await Promise.all(
    ["officer@aegis.example", "contributor@aegis.example", "officer@bastion.example"].map((e) => actorFor(t.db, e)),
  )) as [Actor, Actor, Actor];
  versionId = await baselineVersionId(t.db);
  productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
});
afterAll(async () => t.dispose());

describe(`withdrawing an attestation (${process.env.TEST_DB_DRIVER})`, () => {
  it("asks for a reason of 10 to 2,000 characters and an explicit confirmation", () => {
    const attestationId = crypto.randomUUID();
    expect(withdrawSchema.safeParse({ attestationId, reason: REASON, confirm: true }).success).toBe(true);
    expect(withdrawSchema.safeParse({ attestationId, reason: "  too short ", confirm: true }).success).toBe(false);
    expect(withdrawSchema.safeParse({ attestationId, reason: "x".repeat(2001), confirm: true }).success).toBe(false);
    expect(withdrawSchema.safeParse({ attestationId, reason: REASON, confirm: false }).success).toBe(false);
  });

  it("refuses a draft, a contributor, another vendor and an unknown id", async () => {
    const draft = await startDraft(t.db);
    expect(await withdrawAttestation(t.db, officer, { attestationId: draft, reason: REASON, confirm: true })).toMatchObject({ ok: false, code: "conflict" });
    expect(await statusOf(draft)).toBe("draft");

    const id = await submitted(t.db);
    expect(await withdrawAttestation(t.db, contributor, { attestationId: id, reason: REASON, confirm: true })).toMatchObject({ ok: false, code: "forbidden" });
    expect(await withdrawAttestation(t.db, bastion, { attestationId: id, reason: REASON, confirm: true })).toMatchObject({ ok: false, code: "not_found" });
    expect(await withdrawAttestation(t.db, officer, { attestationId: crypto.randomUUID(), reason: REASON, confirm: true })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect(await statusOf(id)).toBe("submitted");
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "attestation.withdrawn"), eq(auditEvents.targetId, id)));
    expect(audit).toEqual([]);
  });

  it("withdraws only the latest revision", async () => {
    const id = await submitted(t.db);
    await requestChangesOn(t.db, id);
    const rev = await createRevision(t.db, officer, id);
    expect(rev.ok).toBe(true);
    expect(await withdrawAttestation(t.db, officer, { attestationId: id, reason: REASON, confirm: true })).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/cannot withdraw while the attestation is changes requested/),
    });
  });

  it("records who, when and why; keeps the signed submission verifiable; blocks edits and revisions", async () => {
    const id = await submitted(t.db);
    const [before] = await t.db.select().from(attestationSubmissions).where(eq(attestationSubmissions.attestationId, id));
    const now = new Date("2026-07-01T09:30:00Z");
    const r = await withdrawAttestation(t.db, officer, { attestationId: id, reason: REASON, confirm: true }, now);
    expect(r).toEqual({ ok: true, data: { withdrawnAt: now.toISOString() } });
    expect(await statusOf(id)).toBe("withdrawn");

    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "attestation.withdrawn"), eq(auditEvents.targetId, id)));
    expect(audit).toMatchObject({
      actorUserId: officer.userId,
      actorOrganisationId: officer.organisationId,
      targetType: "attestation",
      details: { reason: REASON, revision: 1 },
    });
    expect(await getWithdrawal(t.db, officer.organisationId, id)).toMatchObject({ byName: officer.name, reason: REASON });
    expect(await getWithdrawal(t.db, bastion.organisationId, id)).toBeNull();
    const listed = (await listAttestations(t.db, officer.organisationId)).find((a) => a.id === id);
    expect(listed).toMatchObject({ status: "withdrawn", withdrawnByName: officer.name });
    expect(listed!.withdrawnAt).toBeInstanceOf(Date);
    expect((await listAttestations(t.db, officer.organisationId)).filter((a) => a.withdrawnAt).map((a) => a.id)).toEqual([id]);

    const [after] = await t.db.select().from(attestationSubmissions).where(eq(attestationSubmissions.attestationId, id));
    expect(after).toEqual(before);
    const v = await verifySubmission(t.db, officer.organisationId, id);
    expect(v).toMatchObject({ matches: true, storedDigest: before!.digest, recomputedDigest: before!.digest });

    expect(await withdrawAttestation(t.db, officer, { attestationId: id, reason: REASON, confirm: true })).toMatchObject({ ok: false, code: "conflict" });
    expect(await createRevision(t.db, officer, id)).toEqual({ ok: false, code: "conflict", formError: WITHDRAWN_MESSAGE, fieldErrors: undefined });
    const ws = (await loadWorkspace(t.db, officer.organisationId, id))!;
    const c = ws.controls[0]!;
    expect(
      await saveAnswer(t.db, officer, {
        attestationId: id,
        controlId: c.id,
        version: ws.answers.get(c.id)!.version,
        ...ANSWERED,
        narrative: "Edited after withdrawal",
      }),
    ).toMatchObject({ ok: false, code: "conflict", formError: WITHDRAWN_MESSAGE });
    expect(await setEvidenceLinks(t.db, officer, { attestationId: id, controlId: c.id, evidenceIds: [] })).toMatchObject({ ok: false, code: "conflict" });
  });
});
