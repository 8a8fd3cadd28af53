import fc from "fast-check";
import * as audit from "@/lib/validations/audit";
import { custom, date, fail, text, uuid, type Shape } from "@/test/helpers/shape";
import { object, type SpecTable } from "./spec";

/** A filter field from the address: blank and absent mean "no filter"; otherwise the value trimmed, as `s` documents it. */
const blankable = (s: Shape): Shape => ({
  gen: fc.oneof({ weight: 4, arbitrary: s.gen }, { weight: 1, arbitrary: fc.constantFrom(undefined, "", "  ") }),
  optional: true,
  check(out, input, path) {
    const blank = input === undefined || (typeof input === "string" && input.trim() === "");
    if (blank) return void (out !== undefined && fail(path, "a blank filter became a value", out));
    if (out === undefined) return; // zod may drop a field it could not read only by refusing: accepted + absent is fine only when blank
    s.check(out, typeof input === "string" ? input.trim() : input, path);
  },
});
const sequence = (min: number): Shape =>
  custom(
    fc.integer({ min, max: 1_000_000 }).map(String),
    (o, _i, p) => void ((typeof o !== "number" || !Number.isSafeInteger(o) || o < min) && fail(p, `not a sequence number ≥ ${min}`, o)),
  );

export const AUDIT_SPECS: SpecTable = {
  ["lib/validations/audit.ts#auditFilterSchema"]: {
    schema: audit.auditFilterSchema,
    shape: object({
      actor: blankable(uuid()),
      org: blankable(uuid()),
      action: blankable(text(1, 80, { pattern: /^[a-z_.]+$/, gen: fc.constantFrom("evidence.", "auth.sign_in_failed", "report.exported") })),
      objectType: blankable(text(1, 40, { pattern: /^[a-z_]+$/, gen: fc.constantFrom("attestation", "api_token") })),
      objectId: blankable(text(1, 80)),
      from: blankable(date()),
      to: blankable(date()),
      client: blankable(text(1, 64, { pattern: /^[0-9A-Fa-f.:]+$/, gen: fc.constantFrom("127.0.0.1", "::1", "10.0.0.7") })),
      after: blankable(sequence(-1)),
      before: blankable(sequence(1)),
    }),
  },
};
