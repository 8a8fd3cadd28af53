import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, evidenceItems } from "@/db/schema";
import { seedDemoRollouts } from "@/db/seed/rollouts";
import { referenceModelCode } from "@/lib/rollouts/fixtures/reference-model";
import { createRolloutRecord, getRolloutRecord, listRolloutRecords } from "@/lib/rollouts/store";
import { addRolloutToEvidence } from "@/lib/rollouts/evidence";
import { openTestDb } from "./test-db";
import { orgAndProduct } from "./rollouts-helpers";

let t: Awaited<ReturnType<typeof openTestDb>>;
let aegis: { organisationId: string; productId: string };
let bastion: { organisationId: string; productId: string };
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  aegis = await orgAndProduct(t.db, "aegis-endpoint", "Aegis Sensor");
  bastion = await orgAndProduct(t.db, "bastion-sensor", "Bastion EDR");
});
afterAll(async () => t.dispose());

describe(`rollout store (${process.env.TEST_DB_DRIVER})`, () => {
  it("stores a valid record with its analysis, framework version and audit row", async () => {
    const actor = { userId: null, organisationId: aegis.organisationId };
    const res = await createRolloutRecord(t.db, actor, { productId: aegis.productId, record: { ...referenceModelCode, releaseId: "store-1" }, source: "form" });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const got = await getRolloutRecord(t.db, aegis.organisationId, res.id);
    expect(got?.frameworkVersionId).toBeTruthy();
    expect(got?.analysis?.ringCount).toBe(referenceModelCode.rings.length);
    expect(["critical", "major"]).not.toContain(got?.worstSeverity);
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "rollout_record.created"), eq(auditEvents.targetId, res.id)));
    expect(audits).toHaveLength(1);
  });

  it("refuses a duplicate release, an invalid record and another organisation's product", async () => {
    const actor = { userId: null, organisationId: aegis.organisationId };
    const dup = await createRolloutRecord(t.db, actor, { productId: aegis.productId, record: { ...referenceModelCode, releaseId: "store-1" }, source: "form" });
    expect(dup).toMatchObject({ ok: false, code: "conflict" });
    const bad = await createRolloutRecord(t.db, actor, {
      productId: aegis.productId,
      record: { ...referenceModelCode, releaseId: "store-2", rings: [] },
      source: "form",
    });
    expect(bad).toMatchObject({ ok: false, code: "invalid", reasons: [{ path: "rings" }] });
    const foreign = await createRolloutRecord(t.db, actor, {
      productId: bastion.productId,
      record: { ...referenceModelCode, releaseId: "store-3" },
      source: "form",
    });
    expect(foreign).toMatchObject({ ok: false, code: "not_found" });
  });

  it("keeps each organisation to its own records, and adds a record to the evidence vault once", async () => {
    const mine = await listRolloutRecords(t.db, aegis.organisationId);
    const [first] = mine;
    expect(first).toBeDefined();
    expect(await getRolloutRecord(t.db, bastion.organisationId, first!.id)).toBeNull();
    expect((await listRolloutRecords(t.db, bastion.organisationId)).some((r) => r.id === first!.id)).toBe(false);
    expect(await listRolloutRecords(t.db, aegis.organisationId, { productId: bastion.productId })).toEqual([]);

    const actor = { userId: null, organisationId: aegis.organisationId };
    const added = await addRolloutToEvidence(t.db, actor, first!.id);
    expect(added?.created).toBe(true);
    expect((await addRolloutToEvidence(t.db, actor, first!.id))?.created).toBe(false);
    expect(await addRolloutToEvidence(t.db, { userId: null, organisationId: bastion.organisationId }, first!.id)).toBeNull();
    const items = await t.db.select().from(evidenceItems).where(eq(evidenceItems.rolloutRecordId, first!.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: "rollout_record", organisationId: aegis.organisationId });
  });

  it("seeds demo releases idempotently, with the reference incident flagged critical", async () => {
    const first = await seedDemoRollouts(t.db);
    const again = await seedDemoRollouts(t.db);
    expect(again).toBe(0);
    expect(first).toBeGreaterThanOrEqual(0);
    const cobalt = await orgAndProduct(t.db, "cobalt-shield", "Cobalt Antivirus");
    const rows = await listRolloutRecords(t.db, cobalt.organisationId);
    const incident = rows.find((r) => r.releaseId.includes("reference incident"));
    expect(incident?.worstSeverity).toBe("critical");
  });
});
