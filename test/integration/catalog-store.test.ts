import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { catalogControls, catalogDomains, frameworkVersions } from "@/db/schema";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { sdp10 } from "@/db/seed/catalog/sdp-1.0";
import { openTestDb } from "./test-db";

let t: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

describe(`baseline catalog in the database (${process.env.TEST_DB_DRIVER})`, () => {
  it("is published once, with every control, and seeding again changes nothing", async () => {
    const again = await seedBaselineCatalog(t.db);
    expect(again.created).toBe(false);
    const [v] = await t.db.select().from(frameworkVersions).where(eq(frameworkVersions.id, again.versionId));
    expect(v).toMatchObject({ status: "published", version: "1.0" });
    const [n] = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(catalogControls)
      .where(eq(catalogControls.versionId, again.versionId));
    expect(n!.n).toBe(sdp10.domains.reduce((s, d) => s + d.controls.length, 0));
  });

  it("refuses, in the database, to update or delete a control of a published version", async () => {
    const { versionId } = await seedBaselineCatalog(t.db);
    const where = and(eq(catalogControls.versionId, versionId), eq(catalogControls.controlId, "SDP-ROL-01"));
    await expect(t.db.update(catalogControls).set({ title: "changed" }).where(where)).rejects.toThrow();
    await expect(t.db.delete(catalogControls).where(where)).rejects.toThrow();
    await expect(t.db.update(catalogDomains).set({ title: "changed" }).where(eq(catalogDomains.versionId, versionId))).rejects.toThrow();
    await expect(t.db.update(frameworkVersions).set({ title: "changed" }).where(eq(frameworkVersions.id, versionId))).rejects.toThrow();
    await expect(t.db.delete(frameworkVersions).where(eq(frameworkVersions.id, versionId))).rejects.toThrow();
    const [c] = await t.db.select({ title: catalogControls.title }).from(catalogControls).where(where);
    expect(c!.title).not.toBe("changed");
  });
});
