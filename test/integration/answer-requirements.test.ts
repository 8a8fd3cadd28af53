import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveAnswer, startAttestation } from "@/lib/attestations/answers";
import { DEFAULT_ANSWER_REQUIREMENTS, findGaps, todayIso, type AnswerRequirements } from "@/lib/attestations/completeness";
import { listAttestations, loadWorkspace } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import { loadVersionDocument } from "@/lib/catalog/queries";
import { createDraftFromVersion, publishVersion, updateVersionMeta } from "@/lib/catalog/version-mutations";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { actorFor, baselineVersionId, makeTempDataDir, productNamed } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor;
let productId: string;
let baseId: string;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  officer = await actorFor(t.db, "officer@aegis.example");
  productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
  baseId = await baselineVersionId(t.db);
}, 180_000);
afterAll(async () => t.dispose());

/** A published copy of the baseline catalog with its own answer rules. */
async function publishWith(requirements: AnswerRequirements): Promise<string> {
  const admin = { userId: null, organisationId: null };
  const draft = await createDraftFromVersion(t.db, admin, baseId);
  if (!draft.ok) throw new Error("draft failed");
  const doc = (await loadVersionDocument(t.db, draft.data.versionId))!;
  const meta = await updateVersionMeta(t.db, admin, draft.data.versionId, {
    title: doc.title,
    description: doc.description,
    publisher: doc.publisher,
    version: doc.version,
    hasThresholds: false,
    thresholds: null,
    answerRequirements: requirements,
  });
  if (!meta.ok) throw new Error("meta failed");
  if (!(await publishVersion(t.db, admin, draft.data.versionId)).ok) throw new Error("publish failed");
  return draft.data.versionId;
}

/** Starts an attestation against `versionId` and gives every control `status` with only a narrative. */
async function answeredDraft(versionId: string, period: [string, string], status: "implemented" | "not_applicable") {
  const r = await startAttestation(t.db, officer, { productId, frameworkVersionId: versionId, kind: "new", periodStart: period[0], periodEnd: period[1] });
  if (!r.ok) throw new Error(`start failed: ${r.formError}`);
  const ws = (await loadWorkspace(t.db, officer.organisationId, r.data.id))!;
  for (const c of ws.controls)
    await saveAnswer(t.db, officer, {
      attestationId: r.data.id,
      controlId: c.id,
      version: 0,
      status,
      narrative: "We do this every release.",
      maturity: 2,
      justification: "",
      targetDate: null,
      plan: "",
    });
  return r.data.id;
}

const sign = (attestationId: string) => submitAttestation(t.db, officer, { attestationId, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true });

describe(`answer requirements of a catalog version (${process.env.TEST_DB_DRIVER})`, () => {
  it("leaves the demo's complete unsigned draft (Bastion EDR, 2026 H2) without a gap", async () => {
    const bastion = await actorFor(t.db, "officer@bastion.example");
    const drafts = (await listAttestations(t.db, bastion.organisationId)).filter((a) => a.status === "draft" && a.periodStart === "2026-07-01");
    expect(drafts).toHaveLength(1);
    const ws = (await loadWorkspace(t.db, bastion.organisationId, drafts[0]!.id))!;
    expect(ws.controls.length).toBeGreaterThan(0);
    expect(findGaps(ws.controls, ws.answers, ws.links, todayIso(), ws.requirements)).toEqual([]);
  });

  it("the baseline carries the default rules, and submission refuses a must control without evidence", async () => {
    const id = await answeredDraft(baseId, ["2024-01-01", "2024-06-30"], "implemented");
    const ws = (await loadWorkspace(t.db, officer.organisationId, id))!;
    expect(ws.requirements).toEqual(DEFAULT_ANSWER_REQUIREMENTS);
    const refused = await sign(id);
    expect(refused).toMatchObject({ ok: false, code: "invalid" });
    const gaps = refused.ok ? [] : refused.fieldErrors!.gaps!;
    expect(gaps).toHaveLength(ws.controls.filter((c) => c.must).length);
    expect(gaps.every((g) => g.endsWith("A must control needs at least one piece of linked evidence."))).toBe(true);
  });

  it("a version that asks no evidence of implemented controls accepts the same answers", async () => {
    const lenient = await publishWith({ ...DEFAULT_ANSWER_REQUIREMENTS, implemented: { ...DEFAULT_ANSWER_REQUIREMENTS.implemented, evidence: false } });
    const id = await answeredDraft(lenient, ["2024-07-01", "2024-12-31"], "implemented");
    expect((await loadWorkspace(t.db, officer.organisationId, id))!.requirements.implemented.evidence).toBe(false);
    expect(await sign(id)).toMatchObject({ ok: true });
  });

  it("a version that asks a narrative of not-applicable answers refuses one without a justification, and says so", async () => {
    const strict = await publishWith({
      ...DEFAULT_ANSWER_REQUIREMENTS,
      not_applicable: { narrative: true, justification: true, targetDate: false, plan: false, evidence: false },
    });
    const id = await answeredDraft(strict, ["2023-01-01", "2023-06-30"], "not_applicable");
    const refused = await sign(id);
    const gaps = refused.ok ? [] : refused.fieldErrors!.gaps!;
    const ws = (await loadWorkspace(t.db, officer.organisationId, id))!;
    // Narratives were written, justifications were not: one gap per control, and only that.
    expect(gaps).toHaveLength(ws.controls.length);
    expect(gaps.every((g) => g.endsWith(": No justification yet."))).toBe(true);
  });
});
