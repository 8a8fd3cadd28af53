import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayIso } from "@/lib/attestations/completeness";
import { startAttestation } from "@/lib/attestations/answers";
import { listAttestationPage } from "@/lib/attestations/queries";
import { listEvidence } from "@/lib/evidence/queries";
import { createUrlEvidence } from "@/lib/evidence/vault";
import { parseListQuery } from "@/lib/http/list-params";
import { listPeoplePage } from "@/lib/identity/queries";
import { createUser } from "@/lib/identity/users";
import { createProduct } from "@/lib/products/products";
import { referenceModelCode } from "@/lib/rollouts/fixtures/reference-model";
import { listRolloutPage } from "@/lib/rollouts/queries";
import { createRolloutRecord } from "@/lib/rollouts/store";
import { attestationListSchema, LIST_PAGE_SIZE, peopleListSchema, rolloutListSchema } from "@/lib/validations/lists";
import { vaultFilterSchema } from "@/lib/validations/vendor";
import type { Actor } from "@/lib/auth/session";
import { openTestDb } from "./test-db";
import { actorFor, baselineVersionId, makeTempDataDir } from "./vendor-fixtures";

makeTempDataDir();
let t: Awaited<ReturnType<typeof openTestDb>>;
let aegis: Actor;
let bastion: Actor;
let aegisProduct: string;
let bastionProduct: string;

const product = (name: string) => ({
  name,
  platforms: "Windows",
  kernelMode: false,
  codeChannel: true,
  codeCadence: "monthly",
  contentChannel: false,
  contentCadence: "",
});

beforeAll(async () => {
  t = await openTestDb({ seeded: true });
  aegis = await actorFor(t.db, "officer@aegis.example");
  bastion = await actorFor(t.db, "officer@bastion.example");
  const a = await createProduct(t.db, aegis, product("Lists probe"));
  const b = await createProduct(t.db, bastion, product("Lists probe"));
  if (!a.ok || !b.ok) throw new Error("products");
  aegisProduct = a.data.id;
  bastionProduct = b.data.id;
}, 300_000);
afterAll(async () => t?.dispose());

const rollout = async (actor: Actor, productId: string, releaseId: string) => {
  const r = await createRolloutRecord(
    t.db,
    { userId: actor.userId, organisationId: actor.organisationId },
    { productId, record: { ...referenceModelCode, releaseId }, source: "form" },
  );
  if (!r.ok) throw new Error(`rollout ${releaseId}: ${r.message}`);
  return r.id;
};

describe(`list queries: search, filters, order and pages in SQL (${process.env.TEST_DB_DRIVER})`, () => {
  it("rollouts: % and _ match literally, pages add up, the order is stable, another organisation's rows never appear", async () => {
    for (let i = 0; i < 30; i++) await rollout(aegis, aegisProduct, `lists-${String(i).padStart(2, "0")}`);
    await rollout(aegis, aegisProduct, "lists 100% canary");
    await rollout(aegis, aegisProduct, "lists_underscore");
    await rollout(aegis, aegisProduct, "listsXunderscore");
    const secret = "bastion-only release 7f3a";
    await rollout(bastion, bastionProduct, secret);

    const page = (q: Record<string, string>) => listRolloutPage(t.db, aegis.organisationId, parseListQuery(rolloutListSchema, q));
    expect((await page({ q: "100%" })).rows.map((r) => r.releaseId)).toEqual(["lists 100% canary"]);
    expect((await page({ q: "%" })).rows.map((r) => r.releaseId)).toEqual(["lists 100% canary"]);
    expect((await page({ q: "s_u" })).rows.map((r) => r.releaseId)).toEqual(["lists_underscore"]);
    expect((await page({ q: "_" })).rows.map((r) => r.releaseId)).toEqual(["lists_underscore"]);
    expect((await page({ q: "\\" })).total).toBe(0);

    // 33 matches: two pages of 25, the second one partial; together every match once, in order.
    const first = await page({ q: "lists", sort: "release", dir: "asc" });
    expect(first).toMatchObject({ total: 33, page: 1, pageCount: 2, from: 1, to: 25 });
    const second = await page({ q: "lists", sort: "release", dir: "asc", page: "2" });
    expect(second).toMatchObject({ total: 33, page: 2, from: 26, to: 33 });
    const ids = [...first.rows, ...second.rows].map((r) => r.releaseId);
    expect(ids).toHaveLength(33);
    expect(new Set(ids).size).toBe(33);
    // (The database's collation decides the order of words; descending is exactly its reverse.)
    const desc = [
      ...(await page({ q: "lists", sort: "release", dir: "desc" })).rows,
      ...(await page({ q: "lists", sort: "release", dir: "desc", page: "2" })).rows,
    ].map((r) => r.releaseId);
    expect(desc).toEqual([...ids].reverse());
    expect(ids.indexOf("lists-00")).toBeLessThan(ids.indexOf("lists-29"));
    // A page past the end shows the last page.
    expect(await page({ q: "lists", sort: "release", dir: "asc", page: "40" })).toMatchObject({ page: 2, rows: second.rows });
    // Equal sort values (every record of one product) still page without repeats: ties go by id.
    const byProduct = [...(await page({ q: "lists", sort: "product" })).rows, ...(await page({ q: "lists", sort: "product", page: "2" })).rows].map(
      (r) => r.id,
    );
    expect(new Set(byProduct).size).toBe(33);

    expect((await page({ product: aegisProduct })).total).toBe(33);
    expect((await page({ product: bastionProduct })).total).toBe(0);
    expect((await page({ q: secret })).total).toBe(0);
    expect((await page({})).rows.every((r) => r.productName !== "" && r.releaseId !== secret)).toBe(true);
    expect((await listRolloutPage(t.db, bastion.organisationId, parseListQuery(rolloutListSchema, { q: secret }))).total).toBe(1);

    const none = await page({ q: "lists", finding: "none" });
    expect(none.rows.every((r) => r.worstSeverity === null)).toBe(true);
    const worstFirst = (await page({ sort: "finding" })).rows.map((r) => r.worstSeverity);
    const rank = (s: string | null) => ["critical", "major", "minor", "info"].indexOf(s ?? "") + 1 || 5;
    expect(worstFirst.map(rank)).toEqual([...worstFirst.map(rank)].sort((a, b) => a - b));
  });

  it("evidence: % and _ literal, kind and status filters, never another organisation's items", async () => {
    const today = todayIso();
    const meta = { description: "", evidenceDate: null, validUntil: null, classification: "reviewers_only" as const };
    for (const [title, kind] of [
      ["Vault 100% rollout", "url"],
      ["Vault_probe", "test_report"],
      ["VaultXprobe", "url"],
    ] as const) {
      const r = await createUrlEvidence(t.db, aegis, { ...meta, title, kind, url: "https://aegis.example/vault" });
      expect(r.ok).toBe(true);
    }
    const secret = "Bastion vault secret 91c2";
    expect((await createUrlEvidence(t.db, bastion, { ...meta, title: secret, kind: "url", url: "https://bastion.example/v" })).ok).toBe(true);
    const f = (q: Record<string, string>) => listEvidence(t.db, aegis.organisationId, parseListQuery(vaultFilterSchema, q), today);
    expect((await f({ q: "%" })).rows.map((r) => r.title)).toEqual(["Vault 100% rollout"]);
    expect((await f({ q: "_" })).rows.map((r) => r.title)).toEqual(["Vault_probe"]);
    expect((await f({ q: "vault", kind: "test_report" })).rows.map((r) => r.title)).toEqual(["Vault_probe"]);
    expect((await f({ q: "vault", sort: "title", dir: "desc" })).rows.map((r) => r.title)).toEqual(["VaultXprobe", "Vault_probe", "Vault 100% rollout"]);
    expect((await f({ q: secret })).total).toBe(0);
    expect((await f({ q: secret, status: "all" })).total).toBe(0);
  });

  it("attestations: product search with literal wildcards, status filter, scoped to the organisation", async () => {
    const versionId = await baselineVersionId(t.db);
    const started: string[] = [];
    for (const name of ["Probe 100% edition", "Probe_agent", "ProbeXagent"]) {
      const p = await createProduct(t.db, aegis, product(name));
      if (!p.ok) throw new Error(name);
      const a = await startAttestation(t.db, aegis, {
        productId: p.data.id,
        frameworkVersionId: versionId,
        kind: "new",
        periodStart: "2026-01-01",
        periodEnd: "2026-06-30",
      });
      if (!a.ok) throw new Error(`attestation for ${name}`);
      started.push(a.data.id);
    }
    const b = await startAttestation(t.db, bastion, {
      productId: bastionProduct,
      frameworkVersionId: versionId,
      kind: "new",
      periodStart: "2026-01-01",
      periodEnd: "2026-06-30",
    });
    expect(b.ok).toBe(true);
    const f = (q: Record<string, string>) => listAttestationPage(t.db, aegis.organisationId, parseListQuery(attestationListSchema, q));
    expect((await f({ q: "%" })).rows.map((r) => r.productName)).toEqual(["Probe 100% edition"]);
    expect((await f({ q: "_" })).rows.map((r) => r.productName)).toEqual(["Probe_agent"]);
    expect((await f({ q: "probe", status: "draft", sort: "product", dir: "asc" })).rows.map((r) => r.productName)).toEqual([
      "Probe 100% edition",
      "Probe_agent",
      "ProbeXagent",
    ]);
    expect((await f({ q: "probe", status: "published" })).total).toBe(0);
    // Bastion's own "Lists probe" attestation is not Aegis's, even searched by its exact name.
    expect((await f({ q: "Lists probe" })).total).toBe(0);
    const all = await f({});
    expect(all.total).toBe(all.rows.length);
    expect(all.rows.every((r) => r.id !== (b.ok ? b.data.id : ""))).toBe(true);
  });

  it("people: name, email and organisation search with literal wildcards, role and organisation filters, pages", async () => {
    const admin = await actorFor(t.db, "admin@ringfence.example");
    for (let i = 0; i < 27; i++) {
      const r = await createUser(
        t.db,
        { userId: admin.userId, organisationId: admin.organisationId },
        {
          name: `Paged person ${String(i).padStart(2, "0")}`,
          email: `paged${i}@aegis.example`,
          organisationId: aegis.organisationId,
          role: "vendor_contributor",
        },
      );
      expect(r.ok).toBe(true);
    }
    const special = await createUser(
      t.db,
      { userId: admin.userId, organisationId: admin.organisationId },
      { name: "Under_score Person", email: "under_score@bastion.example", organisationId: bastion.organisationId, role: "vendor_contributor" },
    );
    expect(special.ok).toBe(true);
    const f = (q: Record<string, string>) => listPeoplePage(t.db, parseListQuery(peopleListSchema, q));
    expect((await f({ q: "_" })).rows.map((r) => r.name)).toEqual(["Under_score Person"]);
    expect((await f({ q: "%" })).total).toBe(0);
    const first = await f({ q: "paged", sort: "name" });
    expect(first).toMatchObject({ total: 27, pageCount: 2, from: 1, to: LIST_PAGE_SIZE });
    const second = await f({ q: "paged", sort: "name", page: "2" });
    expect(second.rows.map((r) => r.name)).toEqual(["Paged person 25", "Paged person 26"]);
    expect((await f({ q: "paged", org: bastion.organisationId })).total).toBe(0);
    expect((await f({ q: "bastion sensor labs" })).rows.some((r) => r.name === "Under_score Person")).toBe(true); // by organisation name
    expect((await f({ role: "admin" })).rows.every((r) => r.role === "admin")).toBe(true);
    expect((await f({ q: "paged", status: "invited" })).total).toBe(27);
    expect((await f({ q: "paged", status: "active" })).total).toBe(0);
  });
});
