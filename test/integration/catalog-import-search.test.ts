import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { seedBaselineCatalog } from "@/db/seed/catalog";
import { SSDF_PATH, requireOscal, skipOscal } from "@/lib/catalog/fixtures/oscal-dir";
import { smallFramework } from "@/lib/catalog/fixtures/small-framework";
import { exportVersion, importFramework } from "@/lib/catalog/import-export";
import { listControls, loadVersionDocument } from "@/lib/catalog/queries";
import { publishVersion } from "@/lib/catalog/version-mutations";
import { openTestDb } from "./test-db";

const actor = { userId: null, organisationId: null };
let t: Awaited<ReturnType<typeof openTestDb>>;
let baseId: string;

beforeAll(async () => {
  t = await openTestDb();
  baseId = (await seedBaselineCatalog(t.db)).versionId;
});
afterAll(async () => t.dispose());

async function rowCounts() {
  const r = await t.db.execute(
    sql`select (select count(*) from frameworks)::int as f, (select count(*) from framework_versions)::int as v, (select count(*) from catalog_domains)::int as d, (select count(*) from catalog_controls)::int as c, (select count(*) from audit_events)::int as a`,
  );
  return (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)[0];
}

describe(`catalog import, export and search (${process.env.TEST_DB_DRIVER})`, () => {
  it.skipIf(skipOscal)("imports the NIST SSDF OSCAL catalog as a draft whose publishing waits for rubrics", async () => {
    requireOscal();
    const r = await importFramework(t.db, actor, readFileSync(SSDF_PATH, "utf8"));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.format).toBe("oscal");
    expect(r.data.controlCount).toBeGreaterThan(30);
    const doc = (await loadVersionDocument(t.db, r.data.versionId))!;
    expect(doc.status).toBe("draft");
    expect(doc.domains.length).toBeGreaterThanOrEqual(4);
    expect(doc.domains.every((d) => d.controls.every((c) => c.rubric.every((level) => level === "")))).toBe(true);
    const pub = await publishVersion(t.db, actor, r.data.versionId);
    expect(pub).toMatchObject({ ok: false, code: "conflict" });
    expect(pub.ok ? [] : pub.fieldErrors?.problems).toHaveLength(r.data.controlCount);
    // Importing the same catalog again is refused: that slug and version exist.
    const again = await importFramework(t.db, actor, readFileSync(SSDF_PATH, "utf8"));
    expect(again).toMatchObject({ ok: false, code: "conflict" });
    expect(again.ok ? "" : again.formError).toMatch(/already exists/);
  });

  it("refuses a malformed document with located errors and writes nothing", async () => {
    const before = await rowCounts();
    const bad = structuredClone(smallFramework) as unknown as { domains: { controls: { rubric: unknown[]; weight: unknown }[] }[] };
    bad.domains[1]!.controls[0]!.rubric = ["a", "b"];
    bad.domains[0]!.controls[1]!.weight = 9;
    const r = await importFramework(t.db, actor, JSON.stringify(bad));
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : (r.fieldErrors?.document ?? []);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^domains\[1\]\.controls\[0\]\.rubric: /),
        expect.stringMatching(/^domains\[0\]\.controls\[1\]\.weight: /),
      ]),
    );
    expect(await importFramework(t.db, actor, "{ not json")).toMatchObject({ ok: false, code: "invalid" });
    expect(await rowCounts()).toEqual(before);
  });

  it("imports a portal document, and exports it again in both formats", async () => {
    const r = await importFramework(t.db, actor, JSON.stringify(smallFramework));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const json = await exportVersion(t.db, r.data.versionId, "json");
    expect(json!.filename).toBe("small-test-framework-0.3.1-draft.json");
    expect(JSON.parse(json!.body)).toEqual(smallFramework);
    const oscal = await exportVersion(t.db, r.data.versionId, "oscal");
    const back = await importFramework(t.db, actor, oscal!.body);
    expect(back).toMatchObject({ ok: false, code: "conflict" }); // same slug and version: refused, nothing written
  });

  it("searches control text by word stem and by partial word, with filters", async () => {
    const byWord = await listControls(t.db, baseId, { q: "canary" });
    expect(byWord.map((c) => c.controlId)).toContain("SDP-ROL-01");
    const stem = await listControls(t.db, baseId, { q: "promotes" });
    expect(stem.map((c) => c.controlId)).toContain("SDP-ROL-01");
    const partial = await listControls(t.db, baseId, { q: "canar" });
    expect(partial.map((c) => c.controlId)).toContain("SDP-ROL-01");
    expect(await listControls(t.db, baseId, { q: "zzqxnotaword" })).toEqual([]);
    const all = await listControls(t.db, baseId);
    const must = await listControls(t.db, baseId, { mustOnly: true });
    expect(must.length).toBeGreaterThan(0);
    expect(must.length).toBeLessThan(all.length);
    expect(must.every((c) => c.must)).toBe(true);
    const rol = await listControls(t.db, baseId, { domain: "ROL", channel: "content" });
    expect(rol.every((c) => c.domainKey === "ROL" && c.channels.includes("content"))).toBe(true);
    expect(rol.map((c) => c.controlId)).not.toContain("SDP-ROL-01");
    const ev = await listControls(t.db, baseId, { evidence: "third_party_assessment" });
    expect(ev.length).toBeGreaterThan(0);
    expect(ev.every((c) => c.evidenceKinds.includes("third_party_assessment"))).toBe(true);
    expect(await listControls(t.db, baseId, { q: "zzq%_" })).toEqual([]);
  });
});
