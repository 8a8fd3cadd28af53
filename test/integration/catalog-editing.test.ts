import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { auditEvents, catalogControls, frameworkVersions } from "@/db/schema";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { sdp10 } from "@/db/seed/catalog/sdp-1.0";
import { compareFrameworks } from "@/lib/catalog/compare";
import { createControl, deleteControl, reorderControls, reorderDomains, updateControl, updateDomain } from "@/lib/catalog/content-mutations";
import { getAnswerRequirements, getControl, listDomains, loadVersionDocument } from "@/lib/catalog/queries";
import { createDraftFromVersion, publishVersion, retireVersion, updateVersionMeta } from "@/lib/catalog/version-mutations";
import { controlFormValues, type ControlInput } from "@/lib/validations/catalog";
import { openTestDb } from "./test-db";

const actor = { userId: null, organisationId: null };
let t: Awaited<ReturnType<typeof openTestDb>>;
let baseId: string;
let draftId: string;

beforeAll(async () => {
  t = await openTestDb();
  baseId = (await seedBaselineCatalog(t.db)).versionId;
});
afterAll(async () => t.dispose());

async function controlInput(versionId: string, controlId: string): Promise<ControlInput> {
  return controlFormValues((await getControl(t.db, versionId, controlId))!);
}

describe(`catalog editing (${process.env.TEST_DB_DRIVER})`, () => {
  it("loads a stored version back as the document it was made from", async () => {
    const doc = await loadVersionDocument(t.db, baseId);
    const { versionId: _v, status, ...content } = doc!;
    expect(status).toBe("published");
    expect(content).toEqual(sdp10);
  });

  it("creates draft 1.1 as a full copy of published 1.0, with an audit row", async () => {
    const r = await createDraftFromVersion(t.db, actor, baseId);
    expect(r).toMatchObject({ ok: true, data: { version: "1.1" } });
    draftId = r.ok ? r.data.versionId : "";
    const draft = (await loadVersionDocument(t.db, draftId))!;
    expect(draft.status).toBe("draft");
    expect(draft.domains).toEqual(sdp10.domains);
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "catalog.version.draft_created"), eq(auditEvents.targetId, draftId)));
    expect(audits).toHaveLength(1);
    // A second draft from 1.0 takes the next free version string.
    const again = await createDraftFromVersion(t.db, actor, baseId);
    expect(again).toMatchObject({ ok: true, data: { version: "1.2" } });
  });

  it("edits metadata, thresholds, answer requirements, a domain and a control of the draft", async () => {
    const meta = await updateVersionMeta(t.db, actor, draftId, {
      title: sdp10.title,
      description: "Edited description.",
      publisher: sdp10.publisher,
      version: "1.1",
      hasThresholds: true,
      thresholds: { ...sdp10.thresholds!, maxMinutesToHalt: 10 },
      answerRequirements: { ...sdp10.answerRequirements, planned: { ...sdp10.answerRequirements.planned, evidence: true } },
    });
    expect(meta.ok).toBe(true);
    expect((await getAnswerRequirements(t.db, draftId))!.planned).toEqual({
      narrative: true,
      justification: false,
      targetDate: true,
      plan: true,
      evidence: true,
    });
    expect(
      (
        await updateVersionMeta(t.db, actor, draftId, {
          title: "x",
          description: "",
          publisher: "p",
          version: "1.0",
          hasThresholds: false,
          thresholds: null,
          answerRequirements: sdp10.answerRequirements,
        })
      ).ok,
    ).toBe(false);
    expect((await updateDomain(t.db, actor, draftId, "ROL", { key: "ROL", title: "Staged rollout (edited)", description: "d" })).ok).toBe(true);
    const input = await controlInput(draftId, "SDP-ROL-01");
    const r = await updateControl(t.db, actor, draftId, "SDP-ROL-01", { ...input, rubric: [input.rubric[0]!, "Edited level 1.", ...input.rubric.slice(2)] });
    expect(r.ok).toBe(true);
    expect((await getControl(t.db, draftId, "SDP-ROL-01"))!.rubric[1]).toBe("Edited level 1.");
  });

  it("reorders domains and controls", async () => {
    const keys = (await listDomains(t.db, draftId)).map((d) => d.key);
    const reversed = [...keys].reverse();
    expect((await reorderDomains(t.db, actor, draftId, reversed)).ok).toBe(true);
    expect((await listDomains(t.db, draftId)).map((d) => d.key)).toEqual(reversed);
    expect((await reorderDomains(t.db, actor, draftId, reversed.slice(1))).ok).toBe(false);
    const rol = (await loadVersionDocument(t.db, draftId))!.domains.find((d) => d.key === "ROL")!;
    const ids = rol.controls.map((c) => c.id);
    const swapped = [ids[1]!, ids[0]!, ...ids.slice(2)];
    expect((await reorderControls(t.db, actor, draftId, "ROL", swapped)).ok).toBe(true);
    const after = (await loadVersionDocument(t.db, draftId))!.domains.find((d) => d.key === "ROL")!;
    expect(after.controls.map((c) => c.id)).toEqual(swapped);
    // Put the order back so the comparison below only sees content edits.
    await reorderDomains(t.db, actor, draftId, keys);
    await reorderControls(t.db, actor, draftId, "ROL", ids);
  });

  it("refuses to publish while a rubric is incomplete, listing every such control", async () => {
    const a = await controlInput(draftId, "SDP-ROL-02");
    await updateControl(t.db, actor, draftId, "SDP-ROL-02", { ...a, rubric: ["x", "", "y", "", "z"] });
    const fresh = { ...a, id: "SDP-ROL-99", title: "A new control", rubric: ["", "", "", "", ""] };
    expect((await createControl(t.db, actor, draftId, fresh)).ok).toBe(true);
    const r = await publishVersion(t.db, actor, draftId);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : (r.fieldErrors?.problems ?? []);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^SDP-ROL-02 .*levels 1, 3 not written/);
    expect(problems[1]).toMatch(/^SDP-ROL-99 .*levels 0, 1, 2, 3, 4 not written/);
    const [v] = await t.db.select().from(frameworkVersions).where(eq(frameworkVersions.id, draftId));
    expect(v!.status).toBe("draft");
  });

  it("publishes once complete; compare with 1.0 shows exactly the edits", async () => {
    await updateControl(t.db, actor, draftId, "SDP-ROL-02", await controlInput(baseId, "SDP-ROL-02"));
    expect((await deleteControl(t.db, actor, draftId, "SDP-ROL-99")).ok).toBe(true);
    const added = { ...(await controlInput(baseId, "SDP-ROL-03")), id: "SDP-ROL-50", title: "Added control" };
    expect((await createControl(t.db, actor, draftId, added)).ok).toBe(true);
    expect((await deleteControl(t.db, actor, draftId, "SDP-ROL-03")).ok).toBe(true);
    const r = await publishVersion(t.db, actor, draftId);
    expect(r).toEqual({ ok: true, data: null });
    const [v] = await t.db.select().from(frameworkVersions).where(eq(frameworkVersions.id, draftId));
    expect(v!.status).toBe("published");
    expect(v!.publishedAt).toBeInstanceOf(Date);

    const cmp = compareFrameworks((await loadVersionDocument(t.db, baseId))!, (await loadVersionDocument(t.db, draftId))!);
    expect(cmp.added.map((c) => c.id)).toEqual(["SDP-ROL-50"]);
    expect(cmp.removed.map((c) => c.id)).toEqual(["SDP-ROL-03"]);
    expect(cmp.changed.map((c) => c.id)).toEqual(["SDP-ROL-01"]);
    expect(cmp.changed[0]!.fields.map((f) => f.field)).toEqual(["rubric[1]"]);
    expect(cmp.frameworkChanges.map((c) => c.field)).toEqual(expect.arrayContaining(["version", "description"]));
    expect(cmp.frameworkChanges.filter((c) => c.scope === "requirements")).toEqual([
      { scope: "requirements", kind: "changed", field: "answerRequirements.planned.evidence", before: false, after: true },
    ]);
  });

  it("refuses edits to a published version in the mutation functions and in the database", async () => {
    const input = await controlInput(draftId, "SDP-ROL-01");
    const upd = await updateControl(t.db, actor, draftId, "SDP-ROL-01", { ...input, title: "changed" });
    expect(upd).toMatchObject({ ok: false, code: "conflict" });
    expect(await deleteControl(t.db, actor, draftId, "SDP-ROL-01")).toMatchObject({ ok: false, code: "conflict" });
    expect(await reorderDomains(t.db, actor, draftId, ["ROL"])).toMatchObject({ ok: false, code: "conflict" });
    expect(await publishVersion(t.db, actor, draftId)).toMatchObject({ ok: false, code: "conflict" });
    const where = and(eq(catalogControls.versionId, draftId), eq(catalogControls.controlId, "SDP-ROL-01"));
    await expect(t.db.update(catalogControls).set({ title: "changed" }).where(where)).rejects.toThrow();
    await expect(t.db.delete(catalogControls).where(where)).rejects.toThrow();
    expect((await getControl(t.db, draftId, "SDP-ROL-01"))!.title).not.toBe("changed");
    // The answer rules are frozen with the version (migration 0011 extends the 0003 guard).
    await expect(
      t.db
        .update(frameworkVersions)
        .set({ answerRequirements: { ...sdp10.answerRequirements, implemented: { ...sdp10.answerRequirements.implemented, narrative: false } } })
        .where(eq(frameworkVersions.id, draftId)),
    ).rejects.toThrow();
    expect((await getAnswerRequirements(t.db, draftId))!.implemented.narrative).toBe(true);
  });

  it("retires a published version, and only a published one", async () => {
    expect(await retireVersion(t.db, actor, draftId)).toEqual({ ok: true, data: null });
    const [v] = await t.db.select().from(frameworkVersions).where(eq(frameworkVersions.id, draftId));
    expect(v).toMatchObject({ status: "retired" });
    expect(await retireVersion(t.db, actor, draftId)).toMatchObject({ ok: false, code: "conflict" });
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, draftId));
    expect(n!.n).toBeGreaterThan(5);
  });
});
