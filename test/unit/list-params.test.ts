import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanSearch, listLinks, pageWindow, parseListQuery } from "@/lib/http/list-params";
import { peopleListSchema, rolloutListSchema } from "@/lib/validations/lists";
import { vaultFilterSchema } from "@/lib/validations/vendor";

const ORG = "0b7f3c52-8a2e-4c1b-9d3f-6e5a4b3c2d1e";

describe("list query parsing", () => {
  it("an empty query gives the list's defaults", () => {
    expect(parseListQuery(rolloutListSchema, {})).toEqual({ q: "", page: 1, sort: "released", dir: "desc" });
    expect(parseListQuery(peopleListSchema, {})).toEqual({ q: "", page: 1, sort: "organisation", dir: "asc" });
    expect(parseListQuery(vaultFilterSchema, {})).toMatchObject({ status: "active", sort: "added", dir: "desc" });
  });

  it("bad values fall back to their defaults instead of failing", () => {
    const q = parseListQuery(rolloutListSchema, {
      page: "-3",
      sort: "drop table",
      dir: "sideways",
      finding: "catastrophic",
      product: "not-an-id",
      channel: "",
    });
    expect(q).toEqual({ q: "", page: 1, sort: "released", dir: "desc", product: undefined, channel: undefined, finding: undefined, state: undefined });
    expect(parseListQuery(rolloutListSchema, { page: "2.5" }).page).toBe(1);
    expect(parseListQuery(rolloutListSchema, { page: "1e9" }).page).toBe(1);
    expect(parseListQuery(vaultFilterSchema, { status: "deleted" }).status).toBe("active");
  });

  it("a sort without a direction takes the column's natural one; an explicit direction wins", () => {
    expect(parseListQuery(rolloutListSchema, { sort: "product" })).toMatchObject({ sort: "product", dir: "asc" });
    expect(parseListQuery(rolloutListSchema, { sort: "product", dir: "desc" })).toMatchObject({ sort: "product", dir: "desc" });
    expect(parseListQuery(rolloutListSchema, { sort: "released", dir: "asc" })).toMatchObject({ sort: "released", dir: "asc" });
  });

  it("valid filters and a repeated parameter's first value are kept", () => {
    const q = parseListQuery(peopleListSchema, { q: ["ada", "bob"], role: "admin", org: ORG, status: "invited", page: "3" });
    expect(q).toMatchObject({ q: "ada", role: "admin", org: ORG, status: "invited", page: 3 });
  });

  it("a long search is cut to 200 characters, not refused; control characters become spaces", () => {
    expect(parseListQuery(rolloutListSchema, { q: "x".repeat(5000) }).q).toBe("x".repeat(200));
    expect(cleanSearch("😀".repeat(300))).toBe("😀".repeat(200)); // characters, not UTF-16 units
    expect(cleanSearch("  a\u0000b\u0085c  ")).toBe("a b c");
    expect(cleanSearch("\uD800lone")).toBe("\uFFFDlone");
    expect(cleanSearch("100%_done")).toBe("100%_done"); // wildcards are escaped in SQL, not here
  });

  it("never throws, whatever the address holds (property)", () => {
    const value = fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }), fc.constant(undefined));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("q", "page", "sort", "dir", "finding", "product", "status", "role", "org", "other"), value), (raw) => {
        for (const schema of [rolloutListSchema, peopleListSchema, vaultFilterSchema]) {
          const out = parseListQuery(schema as typeof rolloutListSchema, raw);
          expect(Array.from(out.q).length).toBeLessThanOrEqual(200);
          expect(["asc", "desc"]).toContain(out.dir);
          expect(Number.isInteger(out.page) && out.page >= 1).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("list links", () => {
  const defaults = rolloutListSchema.parse({});

  it("the plain list keeps its plain address; defaults are left out", () => {
    const links = listLinks("/vendor/rollouts", defaults, defaults);
    expect(links.page(1)).toBe("/vendor/rollouts");
    expect(links.page(2)).toBe("/vendor/rollouts?page=2");
    expect(links.clear).toBe("/vendor/rollouts");
    expect(links.sort("released", "desc")).toBe("/vendor/rollouts");
  });

  it("page links keep search, filters and order; sort links keep search and filters and go back to page 1", () => {
    const query = parseListQuery(rolloutListSchema, { q: "50% off & more", finding: "none", sort: "product", dir: "desc", page: "3" });
    const links = listLinks("/vendor/rollouts", query, defaults);
    const next = new URL(links.page(4), "http://x").searchParams;
    expect(Object.fromEntries(next)).toEqual({ q: "50% off & more", finding: "none", sort: "product", dir: "desc", page: "4" });
    expect(parseListQuery(rolloutListSchema, Object.fromEntries(next))).toEqual({ ...query, page: 4 });
    const sorted = new URL(links.sort("released", "asc"), "http://x").searchParams;
    expect(Object.fromEntries(sorted)).toEqual({ q: "50% off & more", finding: "none", sort: "released", dir: "asc" });
  });

  it("a non-default direction of the default sort is written with its sort, so it reads back the same", () => {
    const links = listLinks("/vendor/rollouts", defaults, defaults);
    const href = links.sort("product", "asc");
    expect(href).toBe("/vendor/rollouts?sort=product&dir=asc");
    expect(parseListQuery(rolloutListSchema, Object.fromEntries(new URL(href, "http://x").searchParams))).toMatchObject({ sort: "product", dir: "asc" });
  });

  it("the search form keeps the order and any parameter it does not ask for", () => {
    const query = parseListQuery(peopleListSchema, { q: "ada", org: ORG, sort: "email", dir: "desc", page: "2" });
    const links = listLinks("/admin/users", query, peopleListSchema.parse({}));
    expect(links.kept(["role", "status"])).toEqual({ org: ORG, sort: "email", dir: "desc" });
    expect(links.kept(["role", "status", "org"])).toEqual({ sort: "email", dir: "desc" });
    expect(listLinks("/admin/users", peopleListSchema.parse({}), peopleListSchema.parse({})).kept([])).toEqual({});
  });
});

describe("page window", () => {
  it("counts rows from 1 and brings a page past the end back to the last page", () => {
    expect(pageWindow(312, 2, 25)).toEqual({ page: 2, pageCount: 13, offset: 25, from: 26, to: 50 });
    expect(pageWindow(312, 99, 25)).toEqual({ page: 13, pageCount: 13, offset: 300, from: 301, to: 312 });
    expect(pageWindow(0, 5, 25)).toEqual({ page: 1, pageCount: 1, offset: 0, from: 0, to: 0 });
  });
});
