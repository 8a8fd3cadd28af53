import fc from "fast-check";
import { EVIDENCE_KINDS } from "@/lib/catalog/schema";
import { ATTESTATION_STATUSES } from "@/db/schema/vendor";
import { ROLES } from "@/lib/auth/roles";
import * as lists from "@/lib/validations/lists";
import * as v from "@/lib/validations/vendor";
import { checkStorable, chars, choiceOr, coercedInt, custom, fail, optional, uuid, withDefault, type Shape } from "@/test/helpers/shape";
import { printable } from "@/test/helpers/hostile";
import { object, type SpecTable } from "./spec";

/**
 * A list's `?q=`: never refused; at most 200 characters come out (a longer search is cut,
 * not dropped), trimmed and storable; safe text up to 200 characters comes out as sent, trimmed.
 */
const listSearch: Shape = {
  gen: fc.oneof(
    { weight: 9, arbitrary: printable(0, 30) },
    { weight: 1, arbitrary: fc.constantFrom("x".repeat(201), `${"é".repeat(199)}  tail`, "100%_done", "") },
  ),
  optional: true,
  check(out, input, path) {
    if (typeof out !== "string" || chars(out) > 200) return fail(path, "not a string of at most 200 characters", out);
    if (out !== out.trim()) fail(path, "not trimmed", out);
    checkStorable(out, path, false);
    if (input === undefined && out !== "") fail(path, "absent, so should be empty", out);
    const safe = typeof input === "string" && input.isWellFormed() && !/[\u0000-\u001f\u007f-\u009f]/.test(input);
    if (safe && out !== Array.from(input).slice(0, 200).join("").trim()) fail(path, "not the first 200 characters of the search, trimmed", out);
  },
};

/** An optional filter from the address: one of `values` as sent, or absent when what was sent is not one of them. */
const filter = (values: readonly string[]): Shape => ({
  gen: fc.option(fc.constantFrom(...values), { nil: undefined }),
  optional: true,
  check(out, input, path) {
    const expected = values.includes(input as string) ? input : undefined;
    if (out !== expected) fail(path, `should be ${String(expected)}`, out);
  },
});
const idFilter: Shape = { ...optional(uuid()), check: (out, input, path) => void (out !== undefined && uuid().check(out, input, path)) };

/** `?page=`, `?sort=` and `?dir=`: a direction that is not asc/desc becomes the sort's natural one. */
function listShape(sorts: Record<string, "asc" | "desc">, defaultSort: string, filters: Record<string, Shape>): Shape {
  const keys = Object.keys(sorts);
  return object(
    {
      q: listSearch,
      page: withDefault(coercedInt(1, 100_000), 1),
      sort: choiceOr(keys, defaultSort),
      dir: custom(
        fc.option(fc.constantFrom("asc", "desc"), { nil: undefined }),
        (out, _in, path) => void (out !== "asc" && out !== "desc" && fail(path, "not asc or desc", out)),
      ),
      ...filters,
    },
    {
      also(out, input, path) {
        const sent = input.dir === "asc" || input.dir === "desc" ? input.dir : undefined;
        const expected = sent ?? sorts[out.sort as string];
        if (out.dir !== expected) fail(`${path}.dir`, `should be ${expected}`, out.dir);
      },
    },
  );
}

export const LIST_SPECS: SpecTable = {
  ["lib/validations/lists.ts#rolloutListSchema"]: {
    schema: lists.rolloutListSchema,
    neverRefuses: true,
    shape: listShape({ released: "desc", release: "asc", product: "asc", finding: "desc" }, "released", {
      product: idFilter,
      channel: filter(lists.CHANNELS),
      finding: filter(lists.FINDING_FILTERS),
      state: filter(lists.ROLLOUT_STATES),
    }),
  },
  ["lib/validations/lists.ts#attestationListSchema"]: {
    schema: lists.attestationListSchema,
    neverRefuses: true,
    shape: listShape({ updated: "desc", product: "asc", period: "desc", status: "asc" }, "updated", {
      status: filter(ATTESTATION_STATUSES),
      product: idFilter,
    }),
  },
  ["lib/validations/lists.ts#peopleListSchema"]: {
    schema: lists.peopleListSchema,
    neverRefuses: true,
    shape: listShape({ organisation: "asc", name: "asc", email: "asc", role: "asc" }, "organisation", {
      role: filter(ROLES),
      org: idFilter,
      status: filter(lists.PERSON_STATUSES),
    }),
  },
  ["lib/validations/vendor.ts#vaultFilterSchema"]: {
    schema: v.vaultFilterSchema,
    neverRefuses: true,
    shape: listShape({ added: "desc", title: "asc", kind: "asc", validity: "asc", links: "desc" }, "added", {
      kind: filter(EVIDENCE_KINDS),
      status: choiceOr(v.EVIDENCE_STATUS_FILTERS, "active"),
      expiry: filter(v.EXPIRY_FILTERS),
      classification: filter(v.CLASSIFICATIONS),
    }),
  },
};
