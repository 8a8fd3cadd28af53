import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countOrganisations, countUsers, listOrganisations, listUsers } from "@/lib/identity/queries";
import { listForAdministrator } from "@/lib/review/panels";
import { openTestDb } from "./test-db";
import { makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
}, 300_000);
afterAll(async () => t?.dispose());

/** Every page of `size` rows, in order, until a short page. */
async function allPages<T>(size: number, page: (limit: number, offset: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += size) {
    const rows = await page(size, offset);
    out.push(...rows);
    if (rows.length < size) return out;
  }
}

describe(`administrators' long lists are paged (${process.env.TEST_DB_DRIVER})`, () => {
  it("pages of people and organisations add up to the whole list, in the same order", async () => {
    const people = await listUsers(t.db);
    expect(await allPages(4, (limit, offset) => listUsers(t.db, { limit, offset }))).toEqual(people);
    expect(await countUsers(t.db)).toBe(people.length);
    const orgId = people[0]!.organisationId;
    expect(await countUsers(t.db, { organisationId: orgId })).toBe(people.filter((p) => p.organisationId === orgId).length);
    const orgs = await listOrganisations(t.db);
    expect(await allPages(4, (limit, offset) => listOrganisations(t.db, { limit, offset }))).toEqual(orgs);
    expect(await countOrganisations(t.db)).toBe(orgs.length);
  });

  it("review panels: one row per lineage (its latest submitted revision), each section paged, newest signature first", async () => {
    for (const waiting of [true, false]) {
      const whole = await listForAdministrator(t.db, { waiting, limit: 1000, offset: 0 });
      expect(whole.total).toBe(whole.rows.length);
      expect(whole.rows.every((r) => (r.status === "submitted") === waiting)).toBe(true);
      expect(new Set(whole.rows.map((r) => r.lineageId)).size).toBe(whole.rows.length);
      const signed = whole.rows.map((r) => r.signedAt.getTime());
      expect(signed).toEqual([...signed].sort((a, b) => b - a));
      const paged = await allPages(2, async (limit, offset) => (await listForAdministrator(t.db, { waiting, limit, offset })).rows);
      expect(paged.map((r) => r.id)).toEqual(whole.rows.map((r) => r.id));
    }
    // The demo has a submission waiting for a panel and several with one, one of them revised.
    expect((await listForAdministrator(t.db, { waiting: true, limit: 10, offset: 0 })).total).toBeGreaterThan(0);
    const withPanel = await listForAdministrator(t.db, { waiting: false, limit: 1000, offset: 0 });
    expect(withPanel.rows.some((r) => r.revision > 1)).toBe(true);
  });
});
