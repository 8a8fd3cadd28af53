import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAttestation } from "@/lib/attestations/answers";
import { createRevision } from "@/lib/attestations/submit";
import { withdrawAttestation } from "@/lib/attestations/withdraw";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { submitted } from "./review-fixtures";
import { actorFor, baselineVersionId, makeTempDataDir, productNamed, requestChangesOn } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let officer: Actor, bastion: Actor;
let versionId: string, sensorId: string;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  [officer, bastion] = (await Promise.all(["officer@aegis.example", "officer@bastion.example"].map((e) => actorFor(t.db, e)))) as [Actor, Actor];
  versionId = await baselineVersionId(t.db);
  sensorId = await productNamed(t.db, officer.organisationId, "Aegis Sensor");
});
afterAll(async () => t.dispose());

const start = (actor: Actor, productId: string, periodStart: string, periodEnd: string) =>
  startAttestation(t.db, actor, { productId, frameworkVersionId: versionId, kind: "new", periodStart, periodEnd });

describe(`duplicate attestations (${process.env.TEST_DB_DRIVER})`, () => {
  it("refuses a second start for an overlapping period of the same product and links to the first", async () => {
    const first = await start(officer, sensorId, "2027-01-01", "2027-06-30");
    if (!first.ok) throw new Error("first start refused");
    const again = await start(officer, sensorId, "2027-01-01", "2027-06-30");
    expect(again).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/still a draft/),
      link: { href: `/vendor/attestations/${first.data.id}` },
    });
    const overlapping = await start(officer, sensorId, "2027-06-30", "2027-12-31");
    expect(overlapping).toMatchObject({ ok: false, code: "conflict", link: { href: `/vendor/attestations/${first.data.id}` } });
    // The next period and another product are not duplicates.
    expect((await start(officer, sensorId, "2027-07-01", "2027-12-31")).ok).toBe(true);
    expect((await start(officer, await productNamed(t.db, officer.organisationId, "Aegis Cloud Console"), "2027-01-01", "2027-06-30")).ok).toBe(true);
  });

  it("refuses a restart of the demo's seeded periods", async () => {
    // The seed holds a draft (2026 H1) and a published report (2025 H1) for Aegis Sensor.
    expect(await start(officer, sensorId, "2026-03-01", "2026-03-31")).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/still a draft/),
    });
    expect(await start(officer, sensorId, "2025-01-01", "2025-06-30")).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/report is published/),
    });
  });

  it("still allows revisions of the same lineage, and links a refusal to the latest revision", async () => {
    const { id } = await submitted(t.db, officer, "Aegis Sensor");
    const period = ["2000-01-01", "2000-12-31"] as const; // uniquePeriod's first period in this file
    expect(await start(officer, sensorId, ...period)).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/waiting for a review panel/),
      link: { href: `/vendor/attestations/${id}` },
    });
    await requestChangesOn(t.db, id);
    const rev = await createRevision(t.db, officer, id);
    if (!rev.ok) throw new Error(`revision refused: ${rev.formError}`);
    expect(await start(officer, sensorId, ...period)).toMatchObject({
      ok: false,
      code: "conflict",
      formError: expect.stringMatching(/still a draft/),
      link: { href: `/vendor/attestations/${rev.data.id}` },
    });
  });

  it("allows a new start once the overlapping attestation is withdrawn", async () => {
    const { id } = await submitted(t.db, officer, "Aegis Sensor");
    const period = ["2001-01-01", "2001-12-31"] as const;
    expect((await start(officer, sensorId, ...period)).ok).toBe(false);
    const withdrawn = await withdrawAttestation(t.db, officer, {
      attestationId: id,
      reason: "Filed against the wrong period; a corrected one follows.",
      confirm: true,
    });
    expect(withdrawn.ok).toBe(true);
    expect((await start(officer, sensorId, ...period)).ok).toBe(true);
  });

  it("never tells another vendor that an attestation exists", async () => {
    expect(await start(bastion, sensorId, "2026-01-01", "2026-06-30")).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { productId: expect.any(Array) },
    });
  });
});
