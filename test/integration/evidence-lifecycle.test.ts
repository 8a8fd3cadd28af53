import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, evidenceItems, rolloutRecords } from "@/db/schema";
import { saveAnswer, setEvidenceLinks, startAttestation } from "@/lib/attestations/answers";
import { loadWorkspace } from "@/lib/attestations/queries";
import { submitAttestation } from "@/lib/attestations/submit";
import { verifySubmission } from "@/lib/attestations/verify";
import { deleteEvidence, setEvidenceRetired, updateEvidence } from "@/lib/evidence/lifecycle";
import { handleEvidenceVersionUpload } from "@/lib/evidence/new-version";
import { getEvidence, getVersionFile, listEvidence, listEvidenceSubmissions, listVersions, searchEvidence } from "@/lib/evidence/queries";
import { handleEvidenceUpload } from "@/lib/evidence/upload";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { FsBlobStore } from "@/lib/storage/fs-blob-store";
import type { Actor } from "@/lib/auth/session";
import { vaultFilterSchema } from "@/lib/validations/vendor";
import { openTestDb } from "./test-db";
import { actorFor, ANSWERED, baselineVersionId, makeTempDataDir, productNamed } from "./vendor-fixtures";

const dataDir = makeTempDataDir();
const store = new FsBlobStore(path.join(dataDir, "blobs"));
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, contributor: Actor, bastion: Actor;
const today = "2026-12-02";

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  [officer, contributor, bastion] = (await Promise.all(
    ["officer@aegis.example", "contributor@aegis.example", "officer@bastion.example"].map((e) => actorFor(t.db, e)),
  )) as [Actor, Actor, Actor];
});
afterAll(async () => t.dispose());

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.7\n% ${text}\n%%EOF\n`);
function body(bytes: Uint8Array) {
  return new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(bytes), c.close()) });
}
async function uploadFile(title: string, bytes: Uint8Array, actor = officer): Promise<string> {
  const q = new URLSearchParams({ title, kind: "document", fileName: `${title.replace(/\W+/g, "-")}.pdf` });
  const res = await handleEvidenceUpload(
    new Request(`http://localhost/api/evidence/upload?${q}`, { method: "POST", body: body(bytes), duplex: "half" } as RequestInit),
    actor,
    { db: t.db, store, maxBytes: 1 << 20 },
  );
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
function newVersion(id: string, bytes: Uint8Array, fileName = "replacement.pdf", actor = officer) {
  const req = new Request(`http://localhost/api/evidence/${id}/versions?${new URLSearchParams({ fileName })}`, {
    method: "POST",
    body: body(bytes),
    duplex: "half",
  } as RequestInit);
  return handleEvidenceVersionUpload(req, actor, id, { db: t.db, store, maxBytes: 1 << 20 });
}
const auditCount = async (action: string, id: string) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, action), eq(auditEvents.targetId, id)))
  )[0]!.n;
const meta = { description: "", evidenceDate: null, validUntil: null, classification: "reviewers_only" as const };

describe(`evidence lifecycle (${process.env.TEST_DB_DRIVER})`, () => {
  it("edits an item's details, audits each change, and refuses a kind that does not fit or another vendor", async () => {
    const id = await uploadFile("Canary report", pdf("canary"));
    const r = await updateEvidence(t.db, contributor, {
      evidenceId: id,
      ...meta,
      title: "Canary ring report Q3",
      kind: "test_report",
      evidenceDate: "2026-09-30",
      validUntil: "2027-09-30",
      classification: "publishable",
    });
    expect(r).toMatchObject({ ok: true, data: { changed: expect.arrayContaining(["title", "kind", "evidenceDate", "validUntil", "classification"]) } });
    expect(await getEvidence(t.db, officer.organisationId, id)).toMatchObject({
      title: "Canary ring report Q3",
      kind: "test_report",
      classification: "publishable",
      validUntil: "2027-09-30",
    });
    expect(await auditCount("evidence.updated", id)).toBe(1);
    expect(await updateEvidence(t.db, officer, { evidenceId: id, ...meta, title: "x1", kind: "url" })).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { kind: [expect.any(String)] },
    });
    expect(await updateEvidence(t.db, officer, { evidenceId: id, ...meta, title: "x2", kind: "rollout_record" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await updateEvidence(t.db, bastion, { evidenceId: id, ...meta, title: "Taken over", kind: "document" })).toMatchObject({
      ok: false,
      code: "not_found",
    });
    expect((await getEvidence(t.db, officer.organisationId, id))!.title).toBe("Canary ring report Q3");
  });

  it("replaces a file with a new version, keeps the history, and refuses identical content, retired items and other vendors", async () => {
    const id = await uploadFile("Test plan", pdf("plan v1"));
    const res = await newVersion(id, pdf("plan v2"), "test-plan-v2.pdf");
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ version: 2 });
    const versions = await listVersions(t.db, officer.organisationId, id);
    expect(versions.map((v) => [v.version, v.fileName])).toEqual([
      [2, "test-plan-v2.pdf"],
      [1, "Test-plan.pdf"],
    ]);
    expect((await getEvidence(t.db, officer.organisationId, id))!).toMatchObject({
      currentVersion: 2,
      fileName: "test-plan-v2.pdf",
      sha256: versions[0]!.sha256,
    });
    expect((await newVersion(id, pdf("plan v2"))).status).toBe(409);
    expect((await newVersion(id, pdf("plan v3"), "x.pdf", bastion)).status).toBe(404);
    expect(await listVersions(t.db, bastion.organisationId, id)).toEqual([]);
    expect(await getVersionFile(t.db, bastion.organisationId, id, 1)).toBeNull();
    await setEvidenceRetired(t.db, officer, { evidenceId: id, retired: true });
    expect((await newVersion(id, pdf("plan v3"))).status).toBe(409);
    expect(await auditCount("evidence.version_added", id)).toBe(1);
  });

  it("keeps a signed submission verifiable against the version it signed after the file is replaced", async () => {
    const versionId = await baselineVersionId(t.db);
    const productId = await productNamed(t.db, officer.organisationId, "Aegis Sensor");
    const started = await startAttestation(t.db, officer, {
      productId,
      frameworkVersionId: versionId,
      kind: "new",
      periodStart: "2023-01-01",
      periodEnd: "2023-06-30",
    });
    if (!started.ok) throw new Error("start failed");
    const attestationId = started.data.id;
    const id = await uploadFile("Release procedure", pdf("procedure v1"));
    const ws = (await loadWorkspace(t.db, officer.organisationId, attestationId))!;
    for (const c of ws.controls) {
      await saveAnswer(t.db, officer, { attestationId, controlId: c.id, version: 0, ...ANSWERED });
      if (c.must) await setEvidenceLinks(t.db, officer, { attestationId, controlId: c.id, evidenceIds: [id] });
    }
    expect(await submitAttestation(t.db, officer, { attestationId, signerName: "Olivia Officer", signerTitle: "CISO", confirm: true })).toMatchObject({
      ok: true,
    });
    const v1 = (await getEvidence(t.db, officer.organisationId, id))!.sha256!;

    expect((await newVersion(id, pdf("procedure v2"))).status).toBe(201);
    const v2 = (await getEvidence(t.db, officer.organisationId, id))!.sha256!;
    expect(v2).not.toBe(v1);
    const check = (await verifySubmission(t.db, officer.organisationId, attestationId, store))!;
    expect(check.matches).toBe(true);
    expect(check.files.map((f) => f.sha256)).toEqual([v1]);
    const subs = await listEvidenceSubmissions(t.db, officer.organisationId, id);
    expect(subs).toEqual([expect.objectContaining({ attestationId, signedSha256: v1, signedVersion: 1 })]);
    expect(await listEvidenceSubmissions(t.db, bastion.organisationId, id)).toEqual([]);
    expect(await getVersionFile(t.db, officer.organisationId, id, 1)).toMatchObject({ sha256: v1 });
    // The draft's links follow the item: a new snapshot would carry version 2.
    const snapshotVersions = ((await loadWorkspace(t.db, officer.organisationId, attestationId))!.links.values().next().value ?? []).map((e) => e.version);
    expect(snapshotVersions).toEqual([2]);
    // And a submitted item can never be deleted.
    expect(await deleteEvidence(t.db, officer, { evidenceId: id })).toMatchObject({ ok: false, code: "conflict" });
    expect((await t.db.select().from(evidenceItems).where(eq(evidenceItems.id, id))).length).toBe(1);
  });

  it("deletes only what was never linked or submitted, with an audit row", async () => {
    const id = await uploadFile("Mistaken upload", pdf("mistake"));
    const linkedId = await uploadFile("Linked upload", pdf("linked"));
    const productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
    const started = await startAttestation(t.db, officer, {
      productId,
      frameworkVersionId: await baselineVersionId(t.db),
      kind: "new",
      periodStart: "2023-07-01",
      periodEnd: "2023-12-31",
    });
    if (!started.ok) throw new Error("start failed");
    const ws = (await loadWorkspace(t.db, officer.organisationId, started.data.id))!;
    await setEvidenceLinks(t.db, officer, { attestationId: started.data.id, controlId: ws.controls[0]!.id, evidenceIds: [linkedId] });
    expect(await deleteEvidence(t.db, bastion, { evidenceId: id })).toMatchObject({ ok: false, code: "not_found" });
    expect(await deleteEvidence(t.db, officer, { evidenceId: linkedId })).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/linked to a control/),
    });
    expect(await deleteEvidence(t.db, contributor, { evidenceId: id })).toMatchObject({ ok: true });
    expect(await getEvidence(t.db, officer.organisationId, id)).toBeNull();
    expect(await listVersions(t.db, officer.organisationId, id)).toEqual([]);
    expect(await auditCount("evidence.deleted", id)).toBe(1);
  });

  it("retires an item: no new links, existing links stay, hidden from the picker, restorable", async () => {
    const id = await uploadFile("Old runbook", pdf("old runbook"));
    const keptId = await uploadFile("Kept runbook", pdf("kept runbook"));
    const productId = await productNamed(t.db, officer.organisationId, "Aegis Cloud Console");
    const started = await startAttestation(t.db, officer, {
      productId,
      frameworkVersionId: await baselineVersionId(t.db),
      kind: "new",
      periodStart: "2024-01-01",
      periodEnd: "2024-06-30",
    });
    if (!started.ok) throw new Error("start failed");
    const attestationId = started.data.id;
    const controlId = (await loadWorkspace(t.db, officer.organisationId, attestationId))!.controls[0]!.id;
    await setEvidenceLinks(t.db, officer, { attestationId, controlId, evidenceIds: [keptId] });
    await setEvidenceRetired(t.db, officer, { evidenceId: id, retired: true });
    await setEvidenceRetired(t.db, officer, { evidenceId: keptId, retired: true });
    expect(await setEvidenceLinks(t.db, officer, { attestationId, controlId, evidenceIds: [keptId, id] })).toMatchObject({ ok: false, code: "conflict" });
    expect(await setEvidenceLinks(t.db, officer, { attestationId, controlId, evidenceIds: [keptId] })).toMatchObject({ ok: true });
    expect((await searchEvidence(t.db, officer.organisationId, { q: "runbook", kind: "" })).map((r) => r.id)).toEqual([]);
    const retiredList = await listEvidence(t.db, officer.organisationId, vaultFilterSchema.parse({ status: "retired", q: "runbook" }), today);
    expect(retiredList.rows.map((r) => r.title).sort()).toEqual(["Kept runbook", "Old runbook"]);
    await setEvidenceRetired(t.db, officer, { evidenceId: id, retired: false });
    expect((await searchEvidence(t.db, officer.organisationId, { q: "runbook", kind: "" })).map((r) => r.id)).toEqual([id]);
    expect(await auditCount("evidence.retired", id)).toBe(1);
    expect(await auditCount("evidence.restored", id)).toBe(1);
  });

  it("searches literally, filters by kind, validity and visibility, and pages", async () => {
    // The demo seed gives Bastion a few documents (its review-stage submissions): count on top of them.
    const seeded = (await listEvidence(t.db, bastion.organisationId, vaultFilterSchema.parse({}), today)).total;
    const seededPublishable = (await listEvidence(t.db, bastion.organisationId, vaultFilterSchema.parse({ classification: "publishable" }), today)).total;
    for (let i = 0; i < 30; i++) {
      const r = await createUrlEvidence(t.db, bastion, {
        ...meta,
        title: `Bastion page ${String(i).padStart(2, "0")}${i === 7 ? " 100% staged" : ""}`,
        kind: i % 3 === 0 ? "test_report" : "url",
        url: `https://bastion.example/p/${i}`,
        validUntil: i < 5 ? "2026-01-01" : i < 8 ? "2026-12-20" : null,
        classification: i % 2 ? "publishable" : "reviewers_only",
      });
      expect(r.ok).toBe(true);
    }
    const f = (q: Record<string, string>) => listEvidence(t.db, bastion.organisationId, vaultFilterSchema.parse(q), today);
    const all = await f({});
    expect(all.total).toBe(30 + seeded);
    expect(all.rows).toHaveLength(25);
    expect(all.pageCount).toBe(Math.ceil((30 + seeded) / 25));
    expect((await f({ page: "2" })).rows).toHaveLength(Math.min(25, 5 + seeded));
    expect(await f({ page: "9" })).toMatchObject({ page: all.pageCount, rows: (await f({ page: String(all.pageCount) })).rows }); // past the end: the last page
    expect((await f({ q: "100%" })).rows.map((r) => r.title)).toEqual(["Bastion page 07 100% staged"]);
    expect((await f({ q: "_" })).total).toBe(0);
    expect((await f({ kind: "test_report" })).total).toBe(10);
    expect((await f({ expiry: "expired" })).total).toBe(5);
    expect((await f({ expiry: "expiring" })).total).toBe(3);
    expect((await f({ expiry: "no_end" })).total).toBe(22 + seeded);
    expect((await f({ classification: "publishable" })).total).toBe(15 + seededPublishable);
    expect((await f({ status: "bogus", page: "-3", kind: "nope" })).total).toBe(30 + seeded);
    // Another vendor's search never sees these.
    expect((await f({})).rows.every((r) => r.url === null || r.url.startsWith("https://bastion.example/"))).toBe(true);
    expect((await listEvidence(t.db, officer.organisationId, vaultFilterSchema.parse({ q: "Bastion page" }), today)).total).toBe(0);
  });

  it("the database refuses items whose kind does not fit their source, and one vault item per rollout record", async () => {
    const [file] = await t.db
      .select()
      .from(evidenceItems)
      .where(and(eq(evidenceItems.organisationId, officer.organisationId), sql`${evidenceItems.blobSha256} is not null`))
      .limit(1);
    await expect(t.db.update(evidenceItems).set({ kind: "url" }).where(eq(evidenceItems.id, file!.id))).rejects.toThrow();
    await expect(t.db.update(evidenceItems).set({ kind: "invented" }).where(eq(evidenceItems.id, file!.id))).rejects.toThrow();
    await expect(
      t.db
        .insert(evidenceItems)
        .values({ organisationId: officer.organisationId, kind: "rollout_record", title: "Dangling", rolloutRecordId: crypto.randomUUID() }),
    ).rejects.toThrow();
    const [record] = await t.db.select({ id: rolloutRecords.id, org: rolloutRecords.organisationId }).from(rolloutRecords).limit(1);
    if (record) {
      await t.db
        .insert(evidenceItems)
        .values({ organisationId: record.org, kind: "rollout_record", title: "First", rolloutRecordId: record.id })
        .onConflictDoNothing();
      await expect(
        t.db.insert(evidenceItems).values({ organisationId: record.org, kind: "rollout_record", title: "Second", rolloutRecordId: record.id }),
      ).rejects.toThrow();
    }
  });
});
