/**
 * Every exported zod schema of the app, property-tested with fast-check: arbitrary and
 * near-valid inputs (valid examples with fields dropped, replaced by the wrong type, huge
 * or unpaired-surrogate strings, NaN, negative numbers, __proto__ keys, Maps, Dates, …)
 * never make safeParse throw, never pollute prototypes, and whatever is accepted keeps the
 * documented promise (test/helpers/shape.ts). A new exported schema without an entry here
 * fails the coverage test. Replay a failure with FC_SEED=<printed seed>.
 */
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertNoPollution, inputsAround } from "@/test/helpers/mutate";
import { AUDIT_SPECS } from "./schemas/audit-specs";
import { CATALOG_SPECS } from "./schemas/catalog-specs";
import { REVIEW_SPECS } from "./schemas/review-specs";
import { ROLLOUT_SPECS } from "./schemas/rollout-specs";
import { SSO_SPECS } from "./schemas/sso-specs";
import { FACTOR_SPECS } from "./schemas/factor-specs";
import type { SpecTable } from "./schemas/spec";
import { VENDOR_SPECS } from "./schemas/vendor-specs";
import { LIST_SPECS } from "./schemas/list-specs";

const SPECS: SpecTable = { ...VENDOR_SPECS, ...ROLLOUT_SPECS, ...CATALOG_SPECS, ...REVIEW_SPECS, ...AUDIT_SPECS, ...SSO_SPECS, ...FACTOR_SPECS, ...LIST_SPECS };
const RUNS = Number(process.env.FC_RUNS ?? 1000);
const SEED = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
console.log(`fast-check seed ${SEED} (schema properties; replay with FC_SEED=${SEED}), ${RUNS} runs per schema`);

describe("every zod schema: no throw, no pollution, nothing invalid accepted (property)", () => {
  for (const [name, spec] of Object.entries(SPECS)) {
    it(
      name,
      () => {
        let accepted = 0;
        let refused = 0;
        fc.assert(
          fc.property(inputsAround(spec.valid ?? spec.shape.gen), (input) => {
            const result = spec.schema.safeParse(input);
            assertNoPollution();
            if (!result.success) {
              refused++;
              expect(result.error.issues.length).toBeGreaterThan(0);
              for (const issue of result.error.issues) expect(typeof issue.message === "string" && issue.message.length > 0).toBe(true);
              return;
            }
            accepted++;
            spec.shape.check(result.data, input, "");
          }),
          { numRuns: RUNS, seed: SEED },
        );
        // Not vacuous: valid examples get through, broken ones are refused.
        expect(accepted, "accepted inputs").toBeGreaterThan(RUNS / 20);
        if (!spec.neverRefuses) expect(refused, "refused inputs").toBeGreaterThan(RUNS / 20);
      },
      120_000,
    );
  }
});

/** Modules that may define or re-export schemas: anything under lib/ that mentions zod or a schema builder. */
function candidateModules(): string[] {
  const files = fs.readdirSync("lib", { recursive: true, encoding: "utf8" }).map((f) => path.join("lib", f));
  return files
    .filter(
      (f) =>
        /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && /\bz\.|Schema\b|safeText\(|safeMultiline\(|wellFormed\(|isoDate\(/.test(fs.readFileSync(f, "utf8")),
    )
    .sort();
}

describe("coverage", () => {
  it("every exported zod schema in lib/ has a property entry", async () => {
    const covered = new Map<unknown, string>(Object.entries(SPECS).map(([k, s]) => [s.schema, k]));
    const missing: string[] = [];
    const seen = new Set<string>();
    for (const file of candidateModules()) {
      const mod = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!(value instanceof z.core.$ZodType)) continue;
        seen.add(`${file}#${name}`);
        if (!covered.has(value)) missing.push(`${file}#${name}`);
      }
    }
    expect(missing, "exported schemas without a property entry in test/unit/schemas/*-specs.ts").toEqual([]);
    // And no entry names an export that no longer exists under that name.
    expect(Object.keys(SPECS).filter((k) => !seen.has(k))).toEqual([]);
  }, 60_000); // importing some fifty modules takes seconds on a busy machine

  it("app/ and components/ export no schemas of their own (they import them from lib/)", () => {
    const offenders: string[] = [];
    for (const dir of ["app", "components"]) {
      for (const f of fs.readdirSync(dir, { recursive: true, encoding: "utf8" })) {
        const file = path.join(dir, f);
        if (!/\.tsx?$/.test(file)) continue;
        const src = fs.readFileSync(file, "utf8");
        for (const m of src.matchAll(/export\s+const\s+(\w+)\s*(?::[^=]+)?=\s*(z\.|\w+Schema\b)/g)) offenders.push(`${file}#${m[1]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
