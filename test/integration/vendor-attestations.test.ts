import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { attestationSubmissions } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation } from "@/lib/attestations/answers";
import { DEFAULT_ANSWER_REQUIREMENTS, findGaps, groupGaps, todayIso } from "@/lib/attestations/completeness";
import { unsignedSnapshot } from "@/lib/attestations/snapshot";
import { summariseForSigning } from "@/lib/attestations/summary";
import { getAttestation, loadWorkspace } from "@/lib/attestations/queries";
import { createRevision, submitAttestation } from "@/lib/attestations/submit";
import { verifySubmission } from "@/lib/attestations/verify";
import { revisionControls } from "@/lib/attestations/revisions";
import { compareRevisions } from "@/lib/attestations/compare";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { getEvidence } from "@/lib/evidence/queries";
import { getProduct } from "@/lib/products/products";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { actorFor, ANSWERED, baselineVersionId, productNamed, makeTempDataDir, requestChangesOn } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, contributor: Actor, bastion: Actor;
let versionId: string, productId: string, attestationId: string;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  [officer, contributor, bastion] = (await Promise.all(
    ["officer@aegis.example", "contributor@aegis.example", "officer@bastion.example"].map((e) => actorFor(t.db, e)),
  )) as [Actor, Actor, Actor];
  versionId = await baselineVersionId(t.db);
  productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
  const r = await startAttestation(t.db, contributor, {
    productId,
    frameworkVersionId: versionId,
    kind: "new",
    periodStart: "2026-01-01",
    periodEnd: "2026-06-30",
  });
  if (!r.ok) throw new Error("start failed");
  attestationId = r.data.id;
});
afterAll(async () => t.dispose());

describe(`vendor attestations (${process.env.TEST_DB_DRIVER})`, () => {
  it("answers not-found to another vendor for products, attestations and evidence", async () => {
    const url = await createUrlEvidence(t.db, officer, {
      title: "Policy",
      description: "",
      kind: "url",
      url: "https://aegis.example/policy",
      evidenceDate: null,
      validUntil: null,
      classification: "reviewers_only",
    });
    expect(url.ok).toBe(true);
    expect(await getProduct(t.db, bastion.organisationId, productId)).toBeNull();
    expect(await getAttestation(t.db, bastion.organisationId, attestationId)).toBeNull();
    expect(await getEvidence(t.db, bastion.organisationId, url.ok ? url.data.id : "")).toBeNull();
    expect(await getAttestation(t.db, officer.organisationId, "not-a-uuid")).toBeNull();
    const ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    const save = await saveAnswer(t.db, bastion, { attestationId, controlId: ws.controls[0]!.id, version: 0, ...ANSWERED });
    expect(save).toMatchObject({ ok: false, code: "not_found" });
    const start = await startAttestation(t.db, bastion, {
      productId,
      frameworkVersionId: versionId,
      kind: "new",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
    });
    expect(start.ok).toBe(false);
    const link = await setEvidenceLinks(t.db, officer, { attestationId, controlId: ws.controls[0]!.id, evidenceIds: [crypto.randomUUID()] });
    expect(link).toMatchObject({ ok: false, code: "not_found" });
  });

  it("applies only controls sharing a channel, and kernel-only ones only to kernel products", async () => {
    const ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    expect(ws.controls.length).toBeGreaterThan(10);
    expect(ws.controls.every((c) => c.channels.includes("code") && !c.kernelOnly)).toBe(true);
  });

  it("refuses a second stale save and returns both versions; nothing is lost", async () => {
    const ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    const controlId = ws.controls[1]!.id;
    const first = await saveAnswer(t.db, officer, { attestationId, controlId, version: 0, ...ANSWERED, narrative: "Officer's text" });
    expect(first).toMatchObject({ ok: true, data: { outcome: "saved", version: 1 } });
    const a = await saveAnswer(t.db, officer, { attestationId, controlId, version: 1, ...ANSWERED, narrative: "Officer's second text" });
    expect(a).toMatchObject({ ok: true, data: { outcome: "saved", version: 2 } });
    const stale = await saveAnswer(t.db, contributor, { attestationId, controlId, version: 1, ...ANSWERED, narrative: "Contributor's text" });
    expect(stale.ok && stale.data.outcome).toBe("stale");
    if (stale.ok && stale.data.outcome === "stale") {
      expect(stale.data.theirs).toMatchObject({ narrative: "Officer's second text", version: 2 });
      expect(stale.data.yours.narrative).toBe("Contributor's text");
    }
    const both = await saveAnswer(t.db, contributor, { attestationId, controlId, version: 0, ...ANSWERED, narrative: "Also stale" });
    expect(both.ok && both.data.outcome).toBe("stale");
    const after = await loadWorkspace(t.db, officer.organisationId, attestationId);
    expect(after!.answers.get(controlId)).toMatchObject({ narrative: "Officer's second text", version: 2 });
  });

  it("reports unanswered controls, missing narratives and must controls without evidence in one list, so answering uncovers no new gaps", async () => {
    const r = await startAttestation(t.db, officer, {
      productId,
      frameworkVersionId: versionId,
      kind: "new",
      periodStart: "2025-01-01",
      periodEnd: "2025-06-30",
    });
    if (!r.ok) throw new Error("start failed");
    const id = r.data.id;
    let ws = (await loadWorkspace(t.db, officer.organisationId, id))!;
    const musts = ws.controls.filter((c) => c.must);
    expect(musts.length).toBeGreaterThan(0);
    expect(ws.requirements).toEqual(DEFAULT_ANSWER_REQUIREMENTS);
    const before = findGaps(ws.controls, ws.answers, ws.links, todayIso(), ws.requirements);
    // Nothing answered yet: every control is unanswered AND already shows its missing narrative and, if must, evidence.
    expect(before.filter((g) => g.kind === "unanswered")).toHaveLength(ws.controls.length);
    expect(before.filter((g) => g.kind === "no_narrative")).toHaveLength(ws.controls.length);
    expect(before.filter((g) => g.kind === "no_evidence").map((g) => g.controlUuid)).toEqual(musts.map((c) => c.id));
    expect(groupGaps(before).map((g) => g.kind)).toEqual(["unanswered", "no_narrative", "no_evidence"]);
    expect(before.find((g) => g.kind === "no_evidence")).toMatchObject({ field: "evidence", domainTitle: musts[0]!.domainTitle });

    // Answer every control but link no evidence: what remains was all listed before.
    for (const c of ws.controls) await saveAnswer(t.db, officer, { attestationId: id, controlId: c.id, version: 0, ...ANSWERED });
    ws = (await loadWorkspace(t.db, officer.organisationId, id))!;
    const after = findGaps(ws.controls, ws.answers, ws.links, todayIso(), ws.requirements);
    const key = (g: { controlUuid: string; kind: string }) => `${g.controlUuid}/${g.kind}`;
    expect(after.map(key)).toEqual(before.filter((g) => g.kind === "no_evidence").map(key));

    // The sign page's summary reads the same data the snapshot will freeze.
    const summary = summariseForSigning(unsignedSnapshot(ws), todayIso());
    expect(summary).toMatchObject({
      product: "Aegis Cloud Console",
      period: { start: "2025-01-01", end: "2025-06-30" },
      controls: ws.controls.length,
      evidenceItems: 0,
      expired: [],
    });
    expect(summary.byStatus.find((b) => b.status === "implemented")!.count).toBe(ws.controls.length);
  });

  it("lists every gap, refuses to submit while any remain, then submits, verifies and revises", async () => {
    let ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    const [c0, , c2, c3] = ws.controls;
    const must = ws.controls.find((c) => c.must && ![c0, c2, c3].includes(c))!;
    await saveAnswer(t.db, officer, { attestationId, controlId: must.id, version: ws.answers.get(must.id)?.version ?? 0, ...ANSWERED });
    await saveAnswer(t.db, officer, { attestationId, controlId: c0!.id, version: 0, ...ANSWERED, status: "not_applicable" });
    await saveAnswer(t.db, officer, { attestationId, controlId: c2!.id, version: 0, ...ANSWERED, status: "planned" });
    const expired = await createUrlEvidence(t.db, officer, {
      title: "Old audit",
      description: "",
      kind: "url",
      url: "https://aegis.example/old",
      evidenceDate: "2020-01-01",
      validUntil: "2021-01-01",
      classification: "reviewers_only",
    });
    await setEvidenceLinks(t.db, officer, { attestationId, controlId: c3!.id, evidenceIds: [expired.ok ? expired.data.id : ""] });
    ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    const gaps = findGaps(ws.controls, ws.answers, ws.links, todayIso(), ws.requirements);
    const kinds = new Set(gaps.map((g) => g.kind));
    expect([...kinds].sort()).toEqual(["expired_evidence", "no_evidence", "no_justification", "no_narrative", "no_plan", "unanswered"]);
    expect(gaps.find((g) => g.kind === "no_justification")!.controlId).toBe(c0!.controlId);
    const refused = await submitAttestation(t.db, officer, { attestationId, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true });
    expect(refused).toEqual({
      ok: false,
      code: "invalid",
      formError: `This attestation cannot be submitted yet: ${gaps.length} gaps remain. Fix them and try again.`,
      fieldErrors: { gaps: gaps.map((g) => g.message) },
    });

    // Fix everything: answer all, evidence on every must control, drop the expired link.
    const good = await createUrlEvidence(t.db, officer, {
      title: "Deployment policy",
      description: "",
      kind: "url",
      url: "https://aegis.example/sdp",
      evidenceDate: "2026-01-01",
      validUntil: null,
      classification: "publishable",
    });
    const goodId = good.ok ? good.data.id : "";
    for (const c of ws.controls) {
      const v = ws.answers.get(c.id)?.version ?? 0;
      await saveAnswer(t.db, officer, { attestationId, controlId: c.id, version: v, ...ANSWERED });
      await setEvidenceLinks(t.db, officer, { attestationId, controlId: c.id, evidenceIds: c.must ? [goodId] : [] });
    }
    ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    expect(findGaps(ws.controls, ws.answers, ws.links, todayIso(), ws.requirements)).toEqual([]);
    const byContributor = await submitAttestation(t.db, contributor, { attestationId, signerName: "Carlos", signerTitle: "Engineer", confirm: true });
    expect(byContributor).toMatchObject({ ok: false, code: "forbidden" });
    const submitted = await submitAttestation(t.db, officer, { attestationId, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true });
    expect(submitted.ok).toBe(true);
    const digest = submitted.ok ? submitted.data.digest : "";
    expect(digest).toMatch(/^[0-9a-f]{64}$/);

    const again = await saveAnswer(t.db, officer, { attestationId, controlId: ws.controls[0]!.id, version: 99, ...ANSWERED });
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    const v = await verifySubmission(t.db, officer.organisationId, attestationId);
    expect(v).toMatchObject({ matches: true, storedDigest: digest, recomputedDigest: digest });
    expect(await verifySubmission(t.db, bastion.organisationId, attestationId)).toBeNull();

    // A revision is started only when the panel asks for one.
    expect(await createRevision(t.db, officer, attestationId)).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/requested changes/),
    });
    await requestChangesOn(t.db, attestationId);
    const rev = await createRevision(t.db, officer, attestationId);
    expect(rev.ok).toBe(true);
    const revId = rev.ok ? rev.data.id : "";
    const twice = await createRevision(t.db, officer, attestationId);
    expect(twice).toMatchObject({ ok: false, code: "conflict" });
    const revWs = (await loadWorkspace(t.db, officer.organisationId, revId))!;
    expect(revWs.attestation).toMatchObject({ revision: 2, status: "draft" });
    const target = revWs.controls[0]!;
    await saveAnswer(t.db, officer, {
      attestationId: revId,
      controlId: target.id,
      version: revWs.answers.get(target.id)!.version,
      ...ANSWERED,
      narrative: "Changed in revision 2",
    });
    const changes = compareRevisions(
      (await revisionControls(t.db, officer.organisationId, attestationId))!,
      (await revisionControls(t.db, officer.organisationId, revId))!,
    );
    expect(changes).toEqual([
      {
        controlId: target.controlId,
        title: target.title,
        change: "changed",
        fields: [{ field: "Narrative", before: ANSWERED.narrative, after: "Changed in revision 2" }],
      },
    ]);

    // Tamper with the frozen snapshot directly in the database.
    // As the table's owner: the portal's own database role may not alter tables (db/client.ts).
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL ROLE NONE`);
      await tx.execute(sql`ALTER TABLE attestation_submissions DISABLE TRIGGER attestation_submissions_immutable`);
      await tx
        .update(attestationSubmissions)
        .set({ snapshot: sql`jsonb_set(snapshot, '{product,name}', '"Renamed"')` })
        .where(eq(attestationSubmissions.attestationId, attestationId));
      await tx.execute(sql`ALTER TABLE attestation_submissions ENABLE TRIGGER attestation_submissions_immutable`);
    });
    const tampered = await verifySubmission(t.db, officer.organisationId, attestationId);
    expect(tampered!.matches).toBe(false);
    expect(tampered!.snapshotMatches).toBe(false);
    expect(tampered!.problems.join(" ")).toMatch(/stored snapshot of revision 1 no longer matches/);
  });
});
