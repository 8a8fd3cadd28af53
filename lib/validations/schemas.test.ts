import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { rolloutRecordSchema } from "@/lib/rollouts/record-schema";
import { referenceModelContent } from "@/lib/rollouts/fixtures/reference-model";
import { fcSeed, hostileString, printable, scalarOr, validDate } from "@/test/helpers/hostile";
import { organisationSchema } from "./admin";
import { mappingFormSchema } from "./catalog";
import { isRealDate, isSafeText, unsafeJsonPath } from "./common";
import { apiTokenSchema } from "./rollouts";
import { answerFieldsSchema, productSchema, signSchema, startAttestationSchema, uploadMetaSchema, urlEvidenceSchema, withdrawSchema } from "./vendor";

/** Every string an accepted input carries is storable text; every date-like field is a real date. */
function expectStorable(value: unknown, path = ""): void {
  expect(unsafeJsonPath(value), path).toBeNull();
  if (typeof value === "string") {
    expect(isSafeText(value, true), `${path}: ${JSON.stringify(value)}`).toBe(true);
    if (/(Date|Until|periodStart|periodEnd)$/.test(path)) expect(isRealDate(value), path).toBe(true);
  } else if (Array.isArray(value)) value.forEach((v, i) => expectStorable(v, `${path}[${i}]`));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) expectStorable(v, path ? `${path}.${k}` : k);
}

const text = scalarOr(printable(0, 40));
const uuid = scalarOr(fc.uuid({ version: 4 }));
const bool = scalarOr(fc.boolean());
const cases: [string, z.ZodType, fc.Arbitrary<unknown>][] = [
  [
    "upload metadata",
    uploadMetaSchema,
    fc.record({
      title: text,
      description: text,
      kind: scalarOr(fc.constantFrom("document", "url")),
      evidenceDate: scalarOr(validDate),
      validUntil: scalarOr(validDate),
      classification: scalarOr(fc.constantFrom("publishable")),
      fileName: text,
    }),
  ],
  [
    "URL evidence",
    urlEvidenceSchema,
    fc.record({
      title: text,
      kind: scalarOr(fc.constantFrom("document")),
      url: scalarOr(
        fc.oneof(
          fc.webUrl(),
          hostileString.map((s) => `https://x.example/${s}`),
        ),
      ),
    }),
  ],
  [
    "product",
    productSchema,
    fc.record({ name: text, platforms: text, kernelMode: bool, codeChannel: bool, codeCadence: text, contentChannel: bool, contentCadence: text }),
  ],
  [
    "attestation start",
    startAttestationSchema,
    fc.record({
      productId: uuid,
      frameworkVersionId: uuid,
      kind: scalarOr(fc.constantFrom("new")),
      periodStart: scalarOr(validDate),
      periodEnd: scalarOr(validDate),
    }),
  ],
  [
    "answer",
    answerFieldsSchema,
    fc.record({
      status: scalarOr(fc.constantFrom("implemented", null)),
      narrative: text,
      maturity: scalarOr(fc.constantFrom(0, 4, null)),
      justification: text,
      targetDate: scalarOr(fc.oneof(validDate, fc.constant(null))),
      plan: text,
    }),
  ],
  ["signature", signSchema, fc.record({ attestationId: uuid, signerName: text, signerTitle: text, confirm: scalarOr(fc.constant(true)) })],
  ["withdrawal", withdrawSchema, fc.record({ attestationId: uuid, reason: scalarOr(printable(10, 60)), confirm: scalarOr(fc.constant(true)) })],
  ["organisation", organisationSchema, fc.record({ name: text, kind: scalarOr(fc.constantFrom("vendor")) })],
  ["mapping", mappingFormSchema, fc.record({ scheme: scalarOr(fc.constantFrom("other")), ref: text, note: text })],
  ["API token", apiTokenSchema, fc.record({ name: text, scopes: fc.constant(["rollouts:write"]) })],
  [
    "rollout record",
    rolloutRecordSchema,
    fc
      .record({ releaseId: text, version: text, notes: text, reason: text })
      .map(({ reason, ...r }) => ({ ...referenceModelContent, ...r, events: [{ kind: "pause", at: referenceModelContent.releasedAt, reason }] })),
  ],
];

describe("every schema refuses what PostgreSQL cannot hold (property)", () => {
  for (const [name, schema, arb] of cases) {
    it(name, () => {
      const seed = fcSeed();
      let accepted = 0;
      fc.assert(
        fc.property(arb, (input) => {
          const r = schema.safeParse(input);
          if (!r.success) {
            for (const issue of r.error.issues) expect(issue.message.length).toBeGreaterThan(0);
            return;
          }
          accepted++;
          expectStorable(r.data);
        }),
        { numRuns: 1000, seed },
      );
      expect(accepted).toBeGreaterThan(0);
    });
  }
});
