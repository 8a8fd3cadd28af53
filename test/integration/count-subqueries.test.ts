import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { catalogControls, catalogDomains, evidenceItems, evidenceLinks, memberships } from "@/db/schema";
import { listDomains, listFrameworkVersions } from "@/lib/catalog/queries";
import { listEvidence } from "@/lib/evidence/queries";
import { listOrganisations } from "@/lib/identity/queries";
import { vaultFilterSchema } from "@/lib/validations/vendor";
import { openTestDb } from "./test-db";

// Counts made by correlated subqueries must count the right rows. drizzle writes columns of a
// single-table query without their table, so `${child.parentId} = ${parent.id}` inside a
// subquery compared the child with itself (the administrator's landing page said "People 0").

let t: Awaited<ReturnType<typeof openTestDb>>;
beforeAll(async () => {
  t = await openTestDb({ seeded: true });
});
afterAll(async () => t.dispose());

describe(`counts in lists (${process.env.TEST_DB_DRIVER})`, () => {
  it("organisations: members per organisation, as the memberships table says", async () => {
    const orgs = await listOrganisations(t.db);
    const rows = await t.db
      .select({ org: memberships.organisationId, n: sql<number>`count(*)::int` })
      .from(memberships)
      .groupBy(memberships.organisationId);
    const expected = new Map(rows.map((r) => [r.org, r.n]));
    expect(orgs.length).toBeGreaterThan(3);
    for (const o of orgs) expect(o.members, o.name).toBe(expected.get(o.id) ?? 0);
    expect(orgs.reduce((n, o) => n + o.members, 0)).toBeGreaterThanOrEqual(9);
  });

  it("catalog: controls and domains per version, and controls per domain", async () => {
    const [version] = await listFrameworkVersions(t.db, { includeDrafts: true });
    const controls = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(catalogControls)
      .where(eq(catalogControls.versionId, version!.id));
    const domains = await t.db
      .select({ n: sql<number>`count(*)::int` })
      .from(catalogDomains)
      .where(eq(catalogDomains.versionId, version!.id));
    expect(version!.controlCount).toBe(controls[0]!.n);
    expect(version!.domainCount).toBe(domains[0]!.n);
    expect(version!.controlCount).toBe(42);
    const perDomain = await listDomains(t.db, version!.id);
    expect(perDomain.reduce((n, d) => n + d.controlCount, 0)).toBe(42);
    expect(perDomain.every((d) => d.controlCount > 0)).toBe(true);
  });

  it("evidence: links per item", async () => {
    const [anyLink] = await t.db
      .select({ org: evidenceItems.organisationId })
      .from(evidenceLinks)
      .innerJoin(evidenceItems, eq(evidenceItems.id, evidenceLinks.evidenceId))
      .limit(1);
    expect(anyLink).toBeDefined();
    const page = await listEvidence(t.db, anyLink!.org, vaultFilterSchema.parse({}), "2026-12-03");
    const counts = await t.db
      .select({ id: evidenceLinks.evidenceId, n: sql<number>`count(*)::int` })
      .from(evidenceLinks)
      .groupBy(evidenceLinks.evidenceId);
    const expected = new Map(counts.map((c) => [c.id, c.n]));
    expect(page.rows.length).toBeGreaterThan(0);
    for (const item of page.rows) expect(item.links, item.id).toBe(expected.get(item.id) ?? 0);
    expect(page.rows.some((r) => r.links > 0)).toBe(true);
  });
});
